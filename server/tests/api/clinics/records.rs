//! What the notes and plans tests share: patients and appointments made
//! straight in a tenant's schema with SQL, staff tokens, and the access
//! rows a patient's record has.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamptz};
use uuid::Uuid;

use crate::support::*;

pub(crate) fn db(app: &TestApp) -> PgConnection {
    PgConnection::establish(&app.app_state.settings.database_url).unwrap()
}

/// A new patient of the tenant, made with SQL.
pub(crate) fn new_patient(app: &TestApp, tenant: &TestTenant, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    diesel::sql_query(format!(
        "INSERT INTO \"{}\".patients (id, name) VALUES ($1, $2)",
        tenant.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(id)
    .bind::<Text, _>(name)
    .execute(&mut db(app))
    .unwrap();
    id
}

/// Ties the patient to a customer record (their account).
pub(crate) fn link_customer(app: &TestApp, tenant: &TestTenant, patient: Uuid, email: &str) {
    let linked = diesel::sql_query(format!(
        "UPDATE \"{0}\".patients SET customer_id = \
         (SELECT customer_id FROM \"{0}\".customer_accounts WHERE email = $2) WHERE id = $1",
        tenant.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(patient)
    .bind::<Text, _>(email.to_lowercase())
    .execute(&mut db(app))
    .unwrap();
    assert_eq!(linked, 1);
}

/// A booking of the patient at `starts_at` with `status`, with a service,
/// staff member and customer of its own.
pub(crate) fn appointment(
    app: &TestApp,
    tenant: &TestTenant,
    patient: Uuid,
    starts_at: DateTime<Utc>,
    status: &str,
) {
    diesel::sql_query(format!(
        "WITH s AS (INSERT INTO \"{0}\".services (id, name, duration_minutes) \
                    VALUES (gen_random_uuid(), 'Physiotherapy', 30) RETURNING id), \
              st AS (INSERT INTO \"{0}\".staff (id, name) VALUES (gen_random_uuid(), 'Dr Who') RETURNING id), \
              c AS (INSERT INTO \"{0}\".customers (id, name) VALUES (gen_random_uuid(), 'Pat') RETURNING id) \
         INSERT INTO \"{0}\".bookings (id, service_id, staff_id, customer_id, starts_at, ends_at, \
                                       blocked, status, manage_token_hash, patient_id) \
         SELECT gen_random_uuid(), s.id, st.id, c.id, $1, $1 + interval '30 minutes', \
                tstzrange($1, $1 + interval '30 minutes'), $2, \
                decode(md5(gen_random_uuid()::text), 'hex'), $3 \
         FROM s, st, c",
        tenant.schema
    ))
    .bind::<Timestamptz, _>(starts_at)
    .bind::<Text, _>(status)
    .bind::<diesel::sql_types::Uuid, _>(patient)
    .execute(&mut db(app))
    .unwrap();
}

/// A bearer header value for a new staff member of the tenant.
pub(crate) fn staff_bearer(app: &TestApp, tenant: &TestTenant) -> String {
    format!("Bearer {}", app.member_token(tenant, identity::Role::Staff))
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
pub(crate) struct AccessRow {
    #[diesel(sql_type = Text)]
    pub action: String,
    #[diesel(sql_type = Bool)]
    pub succeeded: bool,
}

/// The patient's access rows, oldest first.
pub(crate) fn access_rows(app: &TestApp, tenant: &TestTenant, patient: Uuid) -> Vec<AccessRow> {
    diesel::sql_query(format!(
        "SELECT action, succeeded FROM \"{}\".patient_access_log WHERE patient_id = $1 ORDER BY id",
        tenant.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(patient)
    .load(&mut db(app))
    .unwrap()
}

/// The rows a request left: asserts there is exactly one, for `action`.
pub(crate) fn one_more_row(
    app: &TestApp,
    tenant: &TestTenant,
    patient: Uuid,
    before: usize,
    action: &str,
    succeeded: bool,
) -> usize {
    let rows = access_rows(app, tenant, patient);
    assert_eq!(rows.len(), before + 1, "{action}: {rows:?}");
    assert_eq!(
        rows.last().unwrap(),
        &AccessRow {
            action: action.into(),
            succeeded
        }
    );
    rows.len()
}

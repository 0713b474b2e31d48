use chrono::{DateTime, Utc};
use diesel::dsl::exists;
use diesel::prelude::*;
use kernel::db::PerTenant;
use serde::Serialize;
use uuid::Uuid;

use super::Accessor;
use crate::schema::{patient_access_log, patients};

/// Longest request id kept (the table refuses longer ones).
const MAX_REQUEST_ID: usize = 64;

/// Adds one access row for `patient_id`, if the patient exists; answers
/// whether it did. `action` is a lower-case word such as `read_chart`.
pub fn record(
    conn: &mut PgConnection,
    who: &Accessor,
    action: &'static str,
    patient_id: Uuid,
    succeeded: bool,
) -> QueryResult<bool> {
    record_all(conn, who, action, &[patient_id], succeeded).map(|written| written == 1)
}

/// Like [`record`], for every patient of `patient_ids` that exists, in
/// one statement: a request that reached many records (a sync) owes a row
/// to each. Answers how many rows were written.
pub fn record_all(
    conn: &mut PgConnection,
    who: &Accessor,
    action: &'static str,
    patient_ids: &[Uuid],
    succeeded: bool,
) -> QueryResult<usize> {
    if patient_ids.is_empty() {
        return Ok(0);
    }
    let request_id = who
        .request_id
        .as_deref()
        .filter(|id| id.len() <= MAX_REQUEST_ID);
    let rows = patients::table
        .filter(patients::id.eq_any(patient_ids))
        .select((
            patients::id,
            who.id.into_sql::<diesel::sql_types::Uuid>(),
            who.role.as_str().into_sql::<diesel::sql_types::Text>(),
            action.into_sql::<diesel::sql_types::Text>(),
            succeeded.into_sql::<diesel::sql_types::Bool>(),
            who.ip
                .as_deref()
                .into_sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>(),
            request_id.into_sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>(),
        ));
    // Every audited request writes it: kept per tenant (kernel::db::Kept).
    PerTenant(
        diesel::insert_into(patient_access_log::table)
            .values(rows)
            .into_columns((
                patient_access_log::patient_id,
                patient_access_log::actor_id,
                patient_access_log::actor_role,
                patient_access_log::action,
                patient_access_log::succeeded,
                patient_access_log::ip,
                patient_access_log::request_id,
            )),
    )
    .execute(conn)
}

/// One row of a patient's access log.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = patient_access_log)]
pub struct AccessEntry {
    pub id: i64,
    pub actor_id: Uuid,
    pub actor_role: String,
    pub action: String,
    pub succeeded: bool,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// The patient's access log, newest first, `limit` rows before the row
/// `before` (an id from an earlier page), or None when there is no such
/// patient.
pub fn list(
    conn: &mut PgConnection,
    patient_id: Uuid,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Option<Vec<AccessEntry>>> {
    let known: bool = diesel::select(exists(patients::table.filter(patients::id.eq(patient_id))))
        .get_result(conn)?;
    if !known {
        return Ok(None);
    }
    let mut query = patient_access_log::table
        .filter(patient_access_log::patient_id.eq(patient_id))
        .select(AccessEntry::as_select())
        .order(patient_access_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(patient_access_log::id.lt(before));
    }
    query.load(conn).map(Some)
}

//! The patient's part of the customer data reached through the registry
//! (the customer's export and erasure): one access row for the linked
//! record, naming who exported or erased it; none when no record is linked.

use diesel::prelude::*;
use serde_json::json;
use uuid::Uuid;

use super::fixture::*;
use crate::support::*;

/// An admin of the clinic: the token and the user it names.
struct Admin {
    token: String,
    id: Uuid,
}

fn admin(c: &Clinic) -> Admin {
    let token = c.app.member_token(&c.tenant, identity::Role::Admin);
    let id = identity::AuthUser::from_token(&c.app.app_state.keys, &token, c.tenant.id)
        .unwrap()
        .user_id;
    Admin { token, id }
}

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    actor_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    actor_role: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    action: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    succeeded: bool,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    request_id: Option<String>,
}

/// The patient's access rows with their actor, oldest first.
fn rows(c: &Clinic, patient_id: &str) -> Vec<Row> {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(format!(
        "SELECT actor_id, actor_role, action, succeeded, request_id \
         FROM \"{}\".patient_access_log WHERE patient_id = $1 ORDER BY id",
        c.tenant.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(Uuid::parse_str(patient_id).unwrap())
    .load(&mut conn)
    .unwrap()
}

async fn new_customer(c: &Clinic, name: &str) -> String {
    let (status, customer) = c
        .call(
            c.app
                .post(&c.tenant.host, "/api/v1/customers")
                .json(&json!({ "name": name })),
        )
        .await;
    assert_eq!(status, 201, "{customer}");
    customer["id"].as_str().unwrap().to_string()
}

/// A customer and the patient record linked to them: (customer, patient).
async fn linked_patient(c: &Clinic, name: &str) -> (String, String) {
    let customer_id = new_customer(c, name).await;
    let (status, patient) = c
        .create(json!({ "name": name, "phone": "+44 20 7946 0958", "customer_id": customer_id }))
        .await;
    assert_eq!(status, 201, "{patient}");
    (customer_id, id_of(&patient))
}

/// Sends `req` as the admin with a known request id; it must succeed.
async fn as_admin(who: &Admin, req: reqwest::RequestBuilder, request_id: &str) {
    let res = req
        .bearer_auth(&who.token)
        .header("x-request-id", request_id)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 200, "{body}");
}

/// Asserts the request left exactly one row, for `action`, by `who`.
fn one_more_row_by(
    c: &Clinic,
    patient: &str,
    before: usize,
    who: &Admin,
    action: &str,
    request_id: &str,
) {
    let after = rows(c, patient);
    assert_eq!(after.len(), before + 1, "{action}: {after:?}");
    assert_eq!(
        after.last().unwrap(),
        &Row {
            actor_id: who.id,
            actor_role: "admin".into(),
            action: action.into(),
            succeeded: true,
            request_id: Some(request_id.into()),
        }
    );
}

#[tokio::test]
async fn exporting_a_customer_records_one_access_to_their_patient_record() {
    let c = clinic().await;
    let (customer, patient) = linked_patient(&c, "Ann Patient").await;
    let who = admin(&c);
    let before = rows(&c, &patient).len();

    let export = c.app.get(
        &c.tenant.host,
        &format!("/api/v1/customers/{customer}/export"),
    );
    as_admin(&who, export, "export-req-1").await;

    one_more_row_by(
        &c,
        &patient,
        before,
        &who,
        "export_customer_data",
        "export-req-1",
    );
}

#[tokio::test]
async fn erasing_a_customer_records_one_access_to_their_patient_record() {
    let c = clinic().await;
    let (customer, patient) = linked_patient(&c, "Ann Patient").await;
    let who = admin(&c);
    let before = rows(&c, &patient).len();

    let erase = c.app.post(
        &c.tenant.host,
        &format!("/api/v1/customers/{customer}/erase"),
    );
    as_admin(&who, erase, "erase-req-1").await;

    one_more_row_by(
        &c,
        &patient,
        before,
        &who,
        "erase_customer_data",
        "erase-req-1",
    );
}

/// A customer with no patient record reaches none: their export and
/// erasure leave no row anywhere in the clinic, while the same requests
/// for a customer who is a patient do (so the silence is the section's
/// choice, not an export that records nothing at all).
#[tokio::test]
async fn a_customer_with_no_patient_record_leaves_no_access_row() {
    let c = clinic().await;
    let (patient_customer, patient) = linked_patient(&c, "Ann Patient").await;
    let stranger = new_customer(&c, "Bob Visitor").await;
    let who = admin(&c);
    let tenant_rows = c.all_access_rows();

    let export = c.app.get(
        &c.tenant.host,
        &format!("/api/v1/customers/{stranger}/export"),
    );
    as_admin(&who, export, "none-1").await;
    let erase = c.app.post(
        &c.tenant.host,
        &format!("/api/v1/customers/{stranger}/erase"),
    );
    as_admin(&who, erase, "none-2").await;
    assert_eq!(c.all_access_rows(), tenant_rows);

    let before = rows(&c, &patient).len();
    let export = c.app.get(
        &c.tenant.host,
        &format!("/api/v1/customers/{patient_customer}/export"),
    );
    as_admin(&who, export, "some-1").await;
    one_more_row_by(&c, &patient, before, &who, "export_customer_data", "some-1");
    assert_eq!(c.all_access_rows(), tenant_rows + 1);
}

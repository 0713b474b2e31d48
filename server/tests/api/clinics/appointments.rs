//! A patient's appointments over HTTP: booked through the bookings API's
//! own operation for the patient's customer record, refused by the
//! patient's overlap constraint, listed with the patient's attendance,
//! and one access row per request.

use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use kernel::values::SchemaName;
use serde_json::{json, Value};
use uuid::Uuid;

use super::records::{access_rows, appointment, one_more_row, AccessRow};
use crate::bookings::{future_date, salon_on, Salon};
use crate::support::*;

/// SQL in the salon's tenant schema, committed.
pub(super) fn in_tenant<T>(s: &Salon, f: impl FnOnce(&mut PgConnection) -> QueryResult<T>) -> T {
    let mut conn = PgConnection::establish(&s.app.app_state.settings.database_url).unwrap();
    let schema = SchemaName::parse(&s.tenant.schema).unwrap();
    kernel::db::with_tenant(&mut conn, &schema, f).unwrap()
}

/// A patient with these details, made with SQL.
pub(super) fn patient(s: &Salon, name: &str, email: Option<&str>) -> Uuid {
    let id = Uuid::new_v4();
    in_tenant(s, |conn| {
        diesel::sql_query("INSERT INTO patients (id, name, email) VALUES ($1, $2, $3)")
            .bind::<diesel::sql_types::Uuid, _>(id)
            .bind::<diesel::sql_types::Text, _>(name)
            .bind::<diesel::sql_types::Nullable<diesel::sql_types::Text>, _>(email)
            .execute(conn)
    });
    id
}

/// A customer account of the site, and its token.
pub(super) fn customer_token(s: &Salon) -> String {
    let id = Uuid::new_v4();
    let email = unique_email("cust");
    in_tenant(s, |conn| {
        diesel::sql_query("INSERT INTO customers (id, name, email) VALUES ($1, 'Cus Tomer', $2)")
            .bind::<diesel::sql_types::Uuid, _>(id)
            .bind::<diesel::sql_types::Text, _>(&email)
            .execute(conn)?;
        diesel::sql_query(
            "INSERT INTO customer_accounts (customer_id, email, password_hash) \
             VALUES ($1, $2, 'not-a-hash')",
        )
        .bind::<diesel::sql_types::Uuid, _>(id)
        .bind::<diesel::sql_types::Text, _>(&email)
        .execute(conn)
    });
    s.app.token_as(&s.tenant, id, identity::Role::Customer)
}

pub(super) async fn call(
    s: &Salon,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let req = match method {
        "POST" => s.app.post(&s.tenant.host, path),
        _ => s.app.get(&s.tenant.host, path),
    }
    .bearer_auth(token);
    let req = match body {
        Some(b) => req.json(&b),
        None => req,
    };
    json_of(req.send().await.unwrap()).await
}

pub(super) async fn clinic_salon() -> (Salon, String) {
    let s = salon_on(
        spawn_app().await,
        provision_tenant("appt"),
        "Europe/Paris",
        2,
    )
    .await;
    let staff = s.app.member_token(&s.tenant, identity::Role::Staff);
    (s, staff)
}

pub(super) async fn first_slot(s: &Salon, days: i64, staff: usize) -> String {
    s.slots(&future_date(days), Some(&s.staff_ids[staff])).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string()
}

fn path(patient: Uuid) -> String {
    format!("/api/v1/patients/{patient}/appointments")
}

fn row(action: &str, succeeded: bool) -> AccessRow {
    AccessRow {
        action: action.into(),
        succeeded,
    }
}

#[tokio::test]
async fn a_patient_is_booked_as_a_customer_and_never_twice_at_once() {
    let (s, staff) = clinic_salon().await;
    let ann = patient(&s, "Ann Patient", Some("ann.patient@example.com"));
    let start = first_slot(&s, 3, 0).await;

    let (status, booked) = call(
        &s,
        &staff,
        "POST",
        &path(ann),
        Some(json!({
            "service_id": s.service_id, "staff_id": s.staff_ids[0], "start": start,
            "notes": "Left knee",
        })),
    )
    .await;
    assert_eq!(status, 201, "{booked}");
    assert_eq!(booked["status"], "confirmed");
    assert_eq!(booked["staff_id"], s.staff_ids[0].as_str());
    assert_eq!(booked["service"], "Haircut");
    assert_eq!(booked["notes"], "Left knee");
    assert_eq!(
        access_rows(&s.app, &s.tenant, ann),
        vec![row("book_appointment", true)]
    );

    // The patient became the customer the booking is for, and is linked.
    let (status, record) = call(&s, &staff, "GET", &format!("/api/v1/patients/{ann}"), None).await;
    assert_eq!(status, 200, "{record}");
    let customer_id = record["customer_id"].as_str().unwrap().to_string();
    let (status, booking) = call(
        &s,
        &s.token,
        "GET",
        &format!("/api/v1/bookings/{}", booked["id"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(status, 200, "{booking}");
    assert_eq!(booking["customer_id"], customer_id.as_str(), "{booking}");
    let before = access_rows(&s.app, &s.tenant, ann).len();

    // The same time with the other staff member: bookings takes it (that
    // staff member is free), the patient's constraint refuses it.
    let (status, problem) = call(
        &s,
        &staff,
        "POST",
        &path(ann),
        Some(json!({
            "service_id": s.service_id, "staff_id": s.staff_ids[1], "start": start,
        })),
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "patient_busy");
    assert!(
        problem["detail"].as_str().unwrap().contains("overlaps"),
        "{problem}"
    );
    let before = one_more_row(&s.app, &s.tenant, ann, before, "book_appointment", false);
    let held: i64 = in_tenant(&s, |conn| {
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM bookings)",
        ))
        .get_result(conn)
    });
    assert_eq!(held, 1, "the refused booking was rolled back");

    // Another day is fine, and the linked customer is booked again.
    let later = first_slot(&s, 4, 1).await;
    let (status, second) = call(
        &s,
        &staff,
        "POST",
        &path(ann),
        Some(json!({
            "service_id": s.service_id, "start": later,
        })),
    )
    .await;
    assert_eq!(status, 201, "{second}");
    let before = one_more_row(&s.app, &s.tenant, ann, before, "book_appointment", true);
    let customers: i64 = in_tenant(&s, |conn| {
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(DISTINCT customer_id) FROM bookings)",
        ))
        .get_result(conn)
    });
    assert_eq!(customers, 1);

    let (status, page) = call(&s, &staff, "GET", &path(ann), None).await;
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{page}");
    assert_eq!(items[0]["id"], second["id"], "newest first");
    assert_eq!(items[1]["id"], booked["id"]);
    assert_eq!(items[1]["status"], "confirmed");
    one_more_row(&s.app, &s.tenant, ann, before, "list_appointments", true);
}

#[tokio::test]
async fn a_patient_without_email_is_asked_for_one_and_customers_are_kept_out() {
    let (s, staff) = clinic_salon().await;
    let bob = patient(&s, "Bob NoMail", None);
    let start = first_slot(&s, 3, 0).await;
    let body = json!({ "service_id": s.service_id, "start": start });

    let (status, problem) = call(&s, &staff, "POST", &path(bob), Some(body.clone())).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "email", "{problem}");
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("add the patient's email"));
    assert_eq!(
        access_rows(&s.app, &s.tenant, bob),
        vec![row("book_appointment", false)]
    );

    // A customer reaches nothing, and leaves no row.
    let customer = customer_token(&s);
    let (status, _) = call(&s, &customer, "POST", &path(bob), Some(body.clone())).await;
    assert_eq!(status, 403);
    let (status, _) = call(&s, &customer, "GET", &path(bob), None).await;
    assert_eq!(status, 403);
    assert_eq!(access_rows(&s.app, &s.tenant, bob).len(), 1);

    // Unknown patients are 404 with no row; odd input names its field.
    let nobody = Uuid::new_v4();
    let (status, problem) = call(&s, &staff, "POST", &path(nobody), Some(body)).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("patient_not_found"))
    );
    assert!(access_rows(&s.app, &s.tenant, nobody).is_empty());
    let (status, problem) = call(
        &s,
        &staff,
        "GET",
        &format!("{}?limit=100000", path(bob)),
        None,
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "limit", "{problem}");
    let none: i64 = in_tenant(&s, |conn| {
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM bookings) + (SELECT count(*) FROM customers WHERE name = 'Bob NoMail')",
        ))
        .get_result(conn)
    });
    assert_eq!(none, 0);
}

#[tokio::test]
async fn the_patients_no_show_rate_counts_attended_against_missed() {
    let (s, staff) = clinic_salon().await;
    let cy = patient(&s, "Cy Patient", None);
    let at = |day: u32| Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap();
    for (day, status) in [
        (5, "completed"),
        (6, "completed"),
        (7, "arrived"),
        (8, "no_show"),
        (9, "cancelled"),
    ] {
        appointment(&s.app, &s.tenant, cy, at(day), status);
    }
    let (status, page) = call(&s, &staff, "GET", &path(cy), None).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    assert_eq!(page["items"][0]["status"], "cancelled");
    assert_eq!(
        page["attendance"],
        json!({ "attended": 3, "no_shows": 1, "no_show_rate": 0.25 })
    );
    let (_, page) = call(&s, &staff, "GET", &format!("{}?limit=2", path(cy)), None).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["attendance"]["attended"], 3,
        "counts all, not the page"
    );

    // Before any outcome there is no rate.
    let dee = patient(&s, "Dee Patient", None);
    let (_, page) = call(&s, &staff, "GET", &path(dee), None).await;
    assert_eq!(
        page["attendance"],
        json!({ "attended": 0, "no_shows": 0, "no_show_rate": null })
    );
}

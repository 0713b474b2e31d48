//! The patient's export, and the patient's part of the customer data
//! (export and erasure through the customer-data registry).

use diesel::prelude::*;
use serde_json::json;

use super::fixture::*;
use crate::support::*;

/// A bookable service and staff member, and one booking at `starts` tied
/// to `patient_id`, made in the tenant's schema.
fn appointment(c: &Clinic, customer_id: &str, patient_id: &str, starts: &str) {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(format!(
        "WITH s AS (INSERT INTO \"{0}\".services (id, name, duration_minutes, price_cents)
                    VALUES (gen_random_uuid(), 'Physio session', 45, 5000) RETURNING id),
              st AS (INSERT INTO \"{0}\".staff (id, name) VALUES (gen_random_uuid(), 'Dr Who') RETURNING id)
         INSERT INTO \"{0}\".bookings (id, service_id, staff_id, customer_id, starts_at, ends_at,
                                       blocked, status, manage_token_hash, patient_id)
         SELECT gen_random_uuid(), s.id, st.id, $1, $3::timestamptz,
                $3::timestamptz + interval '45 minutes',
                tstzrange($3::timestamptz, $3::timestamptz + interval '45 minutes'),
                'confirmed', decode(md5(random()::text), 'hex'), $2
         FROM s, st",
        c.tenant.schema
    ))
    .bind::<diesel::sql_types::Uuid, _>(uuid::Uuid::parse_str(customer_id).unwrap())
    .bind::<diesel::sql_types::Uuid, _>(uuid::Uuid::parse_str(patient_id).unwrap())
    .bind::<diesel::sql_types::Text, _>(starts)
    .execute(&mut conn)
    .unwrap();
}

#[tokio::test]
async fn the_export_holds_the_record_and_its_appointments() {
    let c = clinic().await;
    let (status, customer) = c
        .call(
            c.app
                .post(&c.tenant.host, "/api/v1/customers")
                .json(&json!({ "name": "Ann Patient", "email": "ann@example.com" })),
        )
        .await;
    assert_eq!(status, 201, "{customer}");
    let customer_id = customer["id"].as_str().unwrap();
    let (status, patient) = c
        .create(json!({
            "name": "Ann Patient", "phone": "+44 20 7946 0958", "diagnosis": "Tendinitis",
            "customer_id": customer_id, "consents": { "sms": true }
        }))
        .await;
    assert_eq!(status, 201, "{patient}");
    let id = id_of(&patient);
    appointment(&c, customer_id, &id, "2027-03-01T09:00:00Z");

    // One customer is one patient at most.
    let (status, problem) = c
        .create(json!({ "name": "Other", "customer_id": customer_id }))
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("customer_already_patient"))
    );

    let res = c
        .app
        .get(&c.tenant.host, &format!("{PATIENTS}/{id}/export"))
        .bearer_auth(&c.token)
        .send()
        .await
        .unwrap();
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains("patient-PAT000001.json"),
        "{disposition}"
    );
    let (status, export) = json_of(res).await;
    assert_eq!(status, 200, "{export}");
    assert_eq!(export["patient"]["diagnosis"], "Tendinitis");
    assert_eq!(export["controller"]["slug"], c.tenant.slug.as_str());
    let appointments = export["appointments"].as_array().unwrap();
    assert_eq!(appointments.len(), 1);
    assert_eq!(appointments[0]["service"], "Physio session");
    assert_eq!(appointments[0]["staff"], "Dr Who");
    assert!(export.get("access_log").is_none());

    // The customer's export carries the patient part.
    let (status, data) = c
        .get(&format!("/api/v1/customers/{customer_id}/export"))
        .await;
    assert_eq!(status, 200, "{data}");
    assert_eq!(data["patient"]["code"], "PAT000001");

    // Erasure: contact details go and consents are withdrawn; the clinical
    // record stays.
    let (status, _) = c
        .post(&format!("/api/v1/customers/{customer_id}/erase"))
        .await;
    assert_eq!(status, 200);
    let (_, after) = c.get(&format!("{PATIENTS}/{id}")).await;
    assert_eq!(after["phone"], serde_json::Value::Null);
    assert_eq!(after["diagnosis"], "Tendinitis");
    assert_eq!(after["name"], "Ann Patient");
    assert_eq!(after["consents"]["sms"]["given"], false);
    assert_eq!(after["version"], 2);
}

//! The clinic's figures over HTTP: no-shows per staff member, the
//! per-period report (its buckets in the site's time zone, the `reports`
//! plan feature), and the patient's export with every part of the record.

use diesel::prelude::*;
use diesel::sql_types::{Text, Uuid as SqlUuid};
use serde_json::{json, Value};
use uuid::Uuid;

use super::appointments::{call, customer_token, in_tenant, patient};
use super::docs_fixture::{As, Clinic};
use crate::bookings::{salon_on, Salon};
use crate::support::*;

/// A booking of `patient` with staff member `staff` at `at`, in `status`.
fn visit(s: &Salon, staff: usize, patient: Uuid, at: &str, status: &str) {
    let staff_id = Uuid::parse_str(&s.staff_ids[staff]).unwrap();
    let service_id = Uuid::parse_str(&s.service_id).unwrap();
    in_tenant(s, |conn| {
        diesel::sql_query(
            "WITH c AS (INSERT INTO customers (id, name) VALUES (gen_random_uuid(), 'Pat') RETURNING id)
             INSERT INTO bookings (id, service_id, staff_id, customer_id, starts_at, ends_at,
                                   blocked, status, manage_token_hash, patient_id)
             SELECT gen_random_uuid(), $1, $2, c.id, $3::timestamptz,
                    $3::timestamptz + interval '30 minutes',
                    tstzrange($3::timestamptz, $3::timestamptz + interval '30 minutes'),
                    $4, decode(md5(gen_random_uuid()::text), 'hex'), $5
             FROM c",
        )
        .bind::<SqlUuid, _>(service_id)
        .bind::<SqlUuid, _>(staff_id)
        .bind::<Text, _>(at)
        .bind::<Text, _>(status)
        .bind::<SqlUuid, _>(patient)
        .execute(conn)
    });
}

/// An issued invoice of `patient` in `currency` with one payment at `at`.
fn payment(s: &Salon, patient: Uuid, currency: &str, cents: i64, at: &str) {
    in_tenant(s, |conn| {
        diesel::sql_query(
            "WITH i AS (INSERT INTO clinic_invoices (id, patient_id, status, number, issued_at,
                            currency, tax_rate_bp, subtotal_cents, tax_cents, total_cents, created_by)
                        VALUES (gen_random_uuid(), $1, 'issued',
                                'INV-2027-' || lpad((SELECT count(*) + 1 FROM clinic_invoices)::text, 6, '0'),
                                $4::timestamptz, $2, 0, $3, 0, $3, gen_random_uuid())
                        RETURNING id)
             INSERT INTO clinic_invoice_payments (id, invoice_id, amount_cents, method, recorded_by, recorded_at)
             SELECT gen_random_uuid(), i.id, $3, 'card', gen_random_uuid(), $4::timestamptz FROM i",
        )
        .bind::<SqlUuid, _>(patient)
        .bind::<Text, _>(currency)
        .bind::<diesel::sql_types::BigInt, _>(cents)
        .bind::<Text, _>(at)
        .execute(conn)
    });
}

async fn clinic_with_history() -> (Salon, String) {
    let s = salon_on(
        spawn_app().await,
        provision_tenant("rep"),
        "Europe/Paris",
        2,
    )
    .await;
    let staff = s.app.member_token(&s.tenant, identity::Role::Staff);
    let ann = patient(&s, "Ann", None);
    let bob = patient(&s, "Bob", None);
    in_tenant(&s, |conn| {
        diesel::sql_query("UPDATE patients SET created_at = '2027-03-15T12:00:00Z' WHERE id = $1")
            .bind::<SqlUuid, _>(bob)
            .execute(conn)
    });
    visit(&s, 0, ann, "2027-03-10T10:00:00Z", "completed");
    // 00:30 on 1 April in Paris (summer time): April's, not March's.
    visit(&s, 1, ann, "2027-03-31T22:30:00Z", "completed");
    visit(&s, 0, bob, "2027-04-05T09:00:00Z", "no_show");
    visit(&s, 1, bob, "2027-04-06T09:00:00Z", "cancelled");
    visit(&s, 0, ann, "2027-05-02T09:00:00Z", "completed");
    payment(&s, ann, "GBP", 1000, "2027-03-03T10:00:00Z");
    payment(&s, ann, "EUR", 5000, "2027-04-02T10:00:00Z");
    payment(&s, bob, "EUR", 2500, "2027-04-20T10:00:00Z");
    (s, staff)
}

#[tokio::test]
async fn monthly_and_weekly_buckets_follow_the_sites_calendar() {
    let (s, staff) = clinic_with_history().await;
    let (status, report) = call(
        &s,
        &staff,
        "GET",
        "/api/v1/clinic/reports?period=month&from=2027-03-01&to=2027-04-30",
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["time_zone"], "Europe/Paris");
    assert_eq!(
        report["buckets"],
        json!([
            { "start": "2027-03-01", "visits": 1, "new_patients": 1, "no_shows": 0,
              "revenue": [{ "currency": "GBP", "amount_cents": 1000 }] },
            { "start": "2027-04-01", "visits": 1, "new_patients": 0, "no_shows": 1,
              "revenue": [{ "currency": "EUR", "amount_cents": 7500 }] },
        ])
    );

    let (status, report) = call(
        &s,
        &staff,
        "GET",
        &format!(
            "/api/v1/clinic/reports?period=month&from=2027-03-01&to=2027-04-30&staff_id={}",
            s.staff_ids[0]
        ),
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let visits: Vec<(Value, Value)> = report["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["visits"].clone(), b["no_shows"].clone()))
        .collect();
    assert_eq!(visits, vec![(json!(1), json!(0)), (json!(0), json!(1))]);

    let (status, report) = call(
        &s,
        &staff,
        "GET",
        "/api/v1/clinic/reports?period=week&from=2027-03-03&to=2027-03-14",
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let weeks: Vec<(Value, Value)> = report["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["start"].clone(), b["visits"].clone()))
        .collect();
    assert_eq!(
        weeks,
        vec![
            (json!("2027-03-01"), json!(0)),
            (json!("2027-03-08"), json!(1))
        ]
    );

    for (query, field) in [
        ("period=day", "period"),
        ("from=2025-01-01&to=2027-01-02", "to"),
        ("from=2027-04-01&to=2027-03-01", "from"),
        ("from=03/01/2027", "from"),
        ("staff_id=nope", "staff_id"),
    ] {
        let (status, problem) = call(
            &s,
            &staff,
            "GET",
            &format!("/api/v1/clinic/reports?{query}"),
            None,
        )
        .await;
        assert_eq!(status, 422, "{query}: {problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{query}: {problem}");
    }
    let customer = customer_token(&s);
    let (status, _) = call(&s, &customer, "GET", "/api/v1/clinic/reports", None).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn no_shows_are_counted_per_staff_member() {
    let (s, staff) = clinic_with_history().await;
    let (status, answer) = call(
        &s,
        &staff,
        "GET",
        "/api/v1/clinic/no-shows?from=2027-03-01&to=2027-04-30",
        None,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["staff"],
        json!([
            { "staff_id": s.staff_ids[0], "name": "Stylist 0", "appointments": 2,
              "attended": 1, "no_shows": 1, "no_show_rate": 0.5 },
            { "staff_id": s.staff_ids[1], "name": "Stylist 1", "appointments": 1,
              "attended": 1, "no_shows": 0, "no_show_rate": 0.0 },
        ])
    );
    let (status, problem) = call(
        &s,
        &staff,
        "GET",
        "/api/v1/clinic/no-shows?from=2020-01-01&to=2027-01-01",
        None,
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("to"))
    );
    let customer = customer_token(&s);
    let (status, _) = call(&s, &customer, "GET", "/api/v1/clinic/no-shows", None).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn reports_need_the_plans_feature() {
    let c = Clinic::on_plan("{}", "{documents}").await;
    let (status, problem) = c.get("/api/v1/clinic/reports", As::Staff).await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(problem["code"], "feature_not_in_plan");
    // No-shows are not a report of the plan's: every clinic sees them.
    let (status, _) = c.get("/api/v1/clinic/no-shows", As::Staff).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_export_holds_notes_plans_documents_and_invoices() {
    let c = Clinic::new().await;
    let p = c.patient("Eve Export");
    c.sql(|conn| {
        diesel::sql_query(
            "WITH n AS (INSERT INTO clinical_notes (id, patient_id, visit_type, body, author_id,
                            signed_at, signed_by)
                        VALUES (gen_random_uuid(), $1, 'regular', 'Knee pain', gen_random_uuid(),
                                now(), gen_random_uuid()) RETURNING id)
             INSERT INTO clinical_note_amendments (id, note_id, text, reason, author_id)
             SELECT gen_random_uuid(), n.id, 'Left knee', 'precision', gen_random_uuid() FROM n",
        )
        .bind::<SqlUuid, _>(p)
        .execute(conn)?;
        diesel::sql_query(
            "INSERT INTO treatment_plans (id, patient_id, goals, sessions_planned, starts_on, created_by)
             VALUES (gen_random_uuid(), $1, '{walk}', 6, '2027-01-01', gen_random_uuid())",
        )
        .bind::<SqlUuid, _>(p)
        .execute(conn)?;
        diesel::sql_query(
            "INSERT INTO patient_documents (id, patient_id, title, content_type, size_bytes, sha256,
                                            storage_key, uploaded_by)
             VALUES (gen_random_uuid(), $1, 'X-ray', 'image/png', 10, repeat('a', 64),
                     'tenants/secret/documents/x.png', gen_random_uuid())",
        )
        .bind::<SqlUuid, _>(p)
        .execute(conn)?;
        diesel::sql_query(
            "WITH i AS (INSERT INTO clinic_invoices (id, patient_id, currency, tax_rate_bp,
                            subtotal_cents, tax_cents, total_cents, created_by)
                        VALUES (gen_random_uuid(), $1, 'EUR', 0, 4000, 0, 4000, gen_random_uuid())
                        RETURNING id),
                  l AS (INSERT INTO clinic_invoice_lines (invoice_id, position, description, quantity,
                            unit_price_cents, line_total_cents)
                        SELECT i.id, 0, 'Session', 2, 2000, 4000 FROM i)
             INSERT INTO clinic_invoice_payments (id, invoice_id, amount_cents, method, recorded_by)
             SELECT gen_random_uuid(), i.id, 1500, 'cash', gen_random_uuid() FROM i",
        )
        .bind::<SqlUuid, _>(p)
        .execute(conn)
    });
    let (status, export) = c
        .get(&format!("/api/v1/patients/{p}/export"), As::Staff)
        .await;
    assert_eq!(status, 200, "{export}");
    assert_eq!(export["notes"][0]["body"], "Knee pain");
    assert_eq!(export["notes"][0]["amendments"][0]["text"], "Left knee");
    assert_eq!(export["plans"][0]["goals"], json!(["walk"]));
    assert_eq!(export["plans"][0]["sessions_planned"], 6);
    assert_eq!(export["documents"][0]["title"], "X-ray");
    assert_eq!(export["documents"][0]["size_bytes"], 10);
    assert!(
        !export.to_string().contains("tenants/secret"),
        "no storage key: {export}"
    );
    assert_eq!(export["invoices"][0]["lines"][0]["description"], "Session");
    assert_eq!(export["invoices"][0]["payments"][0]["amount_cents"], 1500);
    assert_eq!(export["appointments"], json!([]));
    assert_eq!(c.access_log(p), vec![("export".to_string(), true)]);
}

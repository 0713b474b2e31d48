//! Invoices to patients: numbered without gaps when issued (whatever the
//! concurrency), void keeping the number, payments marking them paid, a
//! PDF, bad input refused with the field named, one access row per request.

use chrono::Datelike;
use serde_json::{json, Value};
use uuid::Uuid;

use super::docs_fixture::{As, Clinic};
use crate::support::*;

fn draft() -> Value {
    json!({
        "lines": [
            { "description": "Initial assessment", "quantity": 1, "unit_price_cents": 6000 },
            { "description": "Physiotherapy session", "quantity": 2, "unit_price_cents": 4500 }
        ],
        "tax_percent": 5.5,
        "currency": "EUR"
    })
}

async fn create(clinic: &Clinic, patient: Uuid, body: Value) -> (u16, Value) {
    clinic
        .post(
            &format!("/api/v1/patients/{patient}/invoices"),
            As::Staff,
            Some(body),
        )
        .await
}

async fn act(clinic: &Clinic, id: &str, what: &str, body: Option<Value>) -> (u16, Value) {
    clinic
        .post(&format!("/api/v1/invoices/{id}/{what}"), As::Staff, body)
        .await
}

async fn new_draft(clinic: &Clinic, patient: Uuid) -> String {
    let (status, body) = create(clinic, patient, draft()).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

fn number(n: u32) -> String {
    format!("INV-{}-{n:06}", chrono::Utc::now().year())
}

#[tokio::test]
async fn twenty_concurrent_issues_take_twenty_numbers_without_gaps() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Grace Hopper");
    let mut drafts = Vec::new();
    for _ in 0..20 {
        drafts.push(new_draft(&clinic, patient).await);
    }
    let answers =
        futures_util::future::join_all(drafts.iter().map(|id| act(&clinic, id, "issue", None)))
            .await;
    let mut numbers: Vec<String> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 200, "{body}");
            assert_eq!(body["status"], "issued");
            body["number"].as_str().unwrap().to_string()
        })
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=20).map(number).collect();
    assert_eq!(numbers, expected);
    // Issuing again changes nothing and takes no number.
    let (status, body) = act(&clinic, &drafts[0], "issue", None).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invoice_not_draft");
    let id = new_draft(&clinic, patient).await;
    let (_, body) = act(&clinic, &id, "issue", None).await;
    assert_eq!(body["number"], number(21));
}

#[tokio::test]
async fn payments_mark_an_invoice_paid_and_void_keeps_its_number() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Alan Turing");
    let (status, body) = create(&clinic, patient, draft()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "draft");
    assert!(body["number"].is_null(), "a draft has no number: {body}");
    // 60.00 + 2 x 45.00 = 150.00; 5.5 % of it is 8.25.
    assert_eq!(body["subtotal_cents"], 15000);
    assert_eq!(body["tax_rate_bp"], 550);
    assert_eq!(body["tax_cents"], 825);
    assert_eq!(body["total_cents"], 15825);
    let id = body["id"].as_str().unwrap().to_string();

    // A payment needs an issued invoice.
    let pay = |amount: i64| json!({ "amount_cents": amount, "method": "card" });
    let (status, body) = act(&clinic, &id, "payments", Some(pay(100))).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invoice_not_issued");

    // The draft changes; then it is issued and fixed.
    let (status, body) = clinic
        .patch(
            &format!("/api/v1/invoices/{id}"),
            json!({ "tax_rate_bp": 2000, "note": "Thank you" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["tax_cents"], 3000);
    assert_eq!(body["total_cents"], 18000);
    let (status, body) = act(&clinic, &id, "issue", None).await;
    assert_eq!(status, 200, "{body}");
    let issued = body["number"].as_str().unwrap().to_string();
    let (status, body) = clinic
        .patch(
            &format!("/api/v1/invoices/{id}"),
            json!({ "tax_rate_bp": 0 }),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invoice_not_draft");
    assert_eq!(
        body["status"], 409,
        "the problem's own status stays a number"
    );
    assert_eq!(body["invoice_status"], "issued", "{body}");

    // Part, too much, the rest: paid.
    let (status, body) = act(&clinic, &id, "payments", Some(pay(8000))).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "issued");
    assert_eq!(body["balance_cents"], 10000);
    let (status, body) = act(&clinic, &id, "payments", Some(pay(10001))).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "amount_cents");
    let (status, body) = act(
        &clinic,
        &id,
        "payments",
        Some(json!({ "amount_cents": 10000, "method": "cash", "note": "at the desk" })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "paid");
    assert_eq!(body["paid_cents"], 18000);
    assert_eq!(body["balance_cents"], 0);
    assert!(body["paid_at"].is_string());
    assert_eq!(body["payments"].as_array().unwrap().len(), 2);
    let (status, body) = act(&clinic, &id, "payments", Some(pay(1))).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invoice_paid");

    // Void keeps the number; the next invoice takes the next one.
    let (status, body) = act(&clinic, &id, "void", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "void");
    assert_eq!(body["number"], issued.as_str());
    let (status, body) = act(&clinic, &id, "void", None).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invoice_void");
    let next = new_draft(&clinic, patient).await;
    let (status, body) = act(&clinic, &next, "void", None).await;
    assert_eq!(status, 409, "a draft is not voided: {body}");
    let (_, body) = act(&clinic, &next, "issue", None).await;
    assert_eq!(body["number"], number(2));
    // The database holds the number too.
    let changed = clinic.sql(|conn| {
        use diesel::RunQueryDsl;
        diesel::sql_query(format!(
            "UPDATE clinic_invoices SET number = 'INV-2000-000009' WHERE id = '{id}'"
        ))
        .execute(conn)
        .map(Some)
        .or_else(|_| Ok::<_, diesel::result::Error>(None))
    });
    assert_eq!(changed, None, "an issued number cannot be changed in SQL");

    let (status, list) = clinic
        .get(&format!("/api/v1/patients/{patient}/invoices"), As::Staff)
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_pdf_is_a_pdf_with_the_number() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Katherine Johnson");
    let id = new_draft(&clinic, patient).await;
    let (_, body) = act(&clinic, &id, "issue", None).await;
    let number = body["number"].as_str().unwrap().to_string();
    let res = clinic
        .app
        .get(&clinic.tenant.host, &format!("/api/v1/invoices/{id}/pdf"))
        .bearer_auth(&clinic.staff)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"{number}.pdf\"").as_str()
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(&format!("Invoice {number}")));
    assert!(text.contains("158.25 EUR"));
}

#[tokio::test]
async fn bad_input_is_refused_with_the_fields_named() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Barbara Liskov");
    let other = clinic.patient("Someone Else");
    // A booking of another patient cannot be billed here.
    let booking = Uuid::new_v4();
    let (status, body) = create(
        &clinic,
        patient,
        json!({
            "lines": [
                { "description": "", "quantity": 0, "unit_price_cents": -5 },
                { "description": "Visit", "quantity": 1, "unit_price_cents": 100,
                  "booking_id": booking }
            ],
            "tax_rate_bp": 550, "tax_percent": 5.5,
            "currency": "euro"
        }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for field in [
        "lines[0].description",
        "lines[0].quantity",
        "lines[0].unit_price_cents",
        "tax_rate_bp",
        "currency",
    ] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let (status, body) = create(
        &clinic,
        patient,
        json!({ "lines": [{ "description": "Visit", "quantity": 1, "unit_price_cents": 100,
                             "booking_id": booking }], "currency": "EUR" }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "lines[0].booking_id");
    for bad in [
        json!({ "lines": [], "currency": "EUR" }),
        json!({ "lines": [{ "description": "a\u{0}b", "quantity": 1, "unit_price_cents": 1 }],
                "currency": "EUR" }),
        json!({ "lines": [{ "description": "x", "quantity": 1, "unit_price_cents": 1 }],
                "currency": "EUR", "tax_percent": 7.255 }),
        json!({ "lines": [{ "description": "x", "quantity": 10000,
                            "unit_price_cents": 10_000_000_001_i64 }], "currency": "EUR" }),
        json!({ "lines": [{ "description": "x", "quantity": 1, "unit_price_cents": 1 }],
                "currency": "EUR", "surprise": true }),
    ] {
        let (status, body) = create(&clinic, patient, bad.clone()).await;
        assert_eq!(status, 422, "{bad}: {body}");
    }
    let id = new_draft(&clinic, patient).await;
    let (_, _) = act(&clinic, &id, "issue", None).await;
    let (status, body) = act(
        &clinic,
        &id,
        "payments",
        Some(json!({ "amount_cents": 100, "method": "cheque" })),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = act(
        &clinic,
        &id,
        "payments",
        Some(json!({ "amount_cents": 0, "method": "cash" })),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    // No such patient or invoice.
    let (status, body) = create(&clinic, Uuid::new_v4(), draft()).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "patient_not_found");
    let (status, body) = clinic.get("/api/v1/invoices/not-an-id", As::Staff).await;
    assert_eq!(status, 404, "{body}");
    assert!(clinic.access_log(other).is_empty());
}

#[tokio::test]
async fn one_access_row_per_request_and_only_staff_of_the_clinic() {
    let clinic = Clinic::new().await;
    let patient = clinic.patient("Edsger Dijkstra");
    let id = new_draft(&clinic, patient).await;
    let path = format!("/api/v1/invoices/{id}");
    assert_eq!(clinic.get(&path, As::Staff).await.0, 200);
    assert_eq!(act(&clinic, &id, "issue", None).await.0, 200);
    // Refused after reaching the record: a row that says so.
    assert_eq!(act(&clinic, &id, "issue", None).await.0, 409);
    assert_eq!(clinic.get(&format!("{path}/pdf"), As::Staff).await.0, 200);
    assert_eq!(
        clinic
            .get(&format!("/api/v1/patients/{patient}/invoices"), As::Staff)
            .await
            .0,
        200
    );
    // A customer of the clinic and another clinic reach nothing.
    let customer = clinic.customer();
    let (status, body) = clinic.get(&path, As::Bearer(&customer)).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "forbidden_role");
    let other = provision_tenant("clinic-b");
    let owner_b = clinic.app.owner_token(&other);
    let (status, _) = json_of(
        clinic
            .app
            .get(&other.host, &path)
            .bearer_auth(&owner_b)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);

    let rows = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
        list.iter().map(|(a, s)| (a.to_string(), *s)).collect()
    };
    assert_eq!(
        clinic.access_log(patient),
        rows(&[
            ("create_invoice", true),
            ("read_invoice", true),
            ("issue_invoice", true),
            ("issue_invoice", false),
            ("invoice_pdf", true),
            ("list_invoices", true),
        ])
    );
}

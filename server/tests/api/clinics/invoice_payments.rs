//! Card payments of clinic invoices through the tenant's payment provider
//! (the shop's settings and webhook): staff start one for what an issued
//! invoice owes; the provider's signed event records it once, marks the
//! invoice paid and leaves an access row with the provider as actor.

use serde_json::{json, Value};
use uuid::Uuid;

use super::docs_fixture::{As, Clinic};
use crate::billing::provider::FakeProvider;
use crate::support::*;

const WEBHOOK: &str = "/api/v1/payments/webhook";
const INTENT: &str =
    r#"{"id": "pi_clinic_1", "object": "payment_intent", "client_secret": "pi_clinic_1_secret"}"#;

/// 60.00 + 2 x 45.00, no tax: 150.00 owed once issued.
async fn invoice(clinic: &Clinic, patient: Uuid, issued: bool) -> String {
    let (status, body) = clinic
        .post(
            &format!("/api/v1/patients/{patient}/invoices"),
            As::Staff,
            Some(json!({
                "lines": [
                    { "description": "Initial assessment", "quantity": 1, "unit_price_cents": 6000 },
                    { "description": "Physiotherapy session", "quantity": 2, "unit_price_cents": 4500 }
                ],
                "currency": "EUR"
            })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap().to_string();
    if issued {
        let (status, body) = act(clinic, &id, "issue", None).await;
        assert_eq!(status, 200, "{body}");
    }
    id
}

async fn act(clinic: &Clinic, id: &str, what: &str, body: Option<Value>) -> (u16, Value) {
    clinic
        .post(&format!("/api/v1/invoices/{id}/{what}"), As::Staff, body)
        .await
}

/// Sets the tenant's payment settings; answers the webhook secret.
async fn settings(clinic: &Clinic, body: Value) -> String {
    let owner = clinic.app.owner_token(&clinic.tenant);
    let (status, body) = clinic
        .post("/api/v1/payments/settings", As::Bearer(&owner), Some(body))
        .await;
    assert_eq!(status, 200, "{body}");
    body["webhook_secret"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn stripe(clinic: &Clinic) -> String {
    settings(
        clinic,
        json!({ "provider": "stripe", "api_key": "sk_test_clinic_4242" }),
    )
    .await
}

fn succeeded(invoice: &str, intent: &str, amount: i64) -> Value {
    json!({
        "id": format!("evt_{}", Uuid::new_v4().simple()),
        "type": "payment_intent.succeeded",
        "created": chrono::Utc::now().timestamp(),
        "data": { "object": {
            "id": intent,
            "object": "payment_intent",
            "amount": amount,
            "amount_received": amount,
            "currency": "eur",
            "metadata": { "clinic_invoice_id": invoice },
        }},
    })
}

async fn deliver(clinic: &Clinic, secret: &str, event: &Value) -> (u16, Value) {
    let body = event.to_string();
    let now = chrono::Utc::now().timestamp();
    let signature = billing::signature::sign(secret, now, body.as_bytes());
    let res = clinic
        .app
        .post(&clinic.tenant.host, WEBHOOK)
        .header("content-type", "application/json")
        .header("X-Payment-Signature", signature)
        .body(body)
        .send()
        .await
        .unwrap();
    json_of(res).await
}

async fn view(clinic: &Clinic, id: &str) -> Value {
    let (status, body) = clinic
        .get(&format!("/api/v1/invoices/{id}"), As::Staff)
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_manual_tenant_answers_its_instructions_and_calls_nobody() {
    let provider = FakeProvider::start(200, INTENT).await;
    let clinic = Clinic::with_payments_api(provider.url.clone()).await;
    let patient = clinic.patient("Ada Lovelace");
    settings(
        &clinic,
        json!({ "provider": "manual", "instructions": "Transfer to IBAN FR76 1234." }),
    )
    .await;
    let id = invoice(&clinic, patient, true).await;
    let (status, body) = act(&clinic, &id, "pay", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({ "provider": "manual", "instructions": "Transfer to IBAN FR76 1234." })
    );
    assert!(provider.received().is_empty());
    assert_eq!(view(&clinic, &id).await["status"], "issued");
    assert!(
        clinic
            .access_log(patient)
            .contains(&("start_payment".to_string(), true)),
        "{:?}",
        clinic.access_log(patient)
    );
}

#[tokio::test]
async fn only_an_issued_invoice_that_owes_something_starts_a_payment_and_only_for_staff() {
    let provider = FakeProvider::start(200, INTENT).await;
    let clinic = Clinic::with_payments_api(provider.url.clone()).await;
    stripe(&clinic).await;
    let patient = clinic.patient("Grace Hopper");
    let draft = invoice(&clinic, patient, false).await;
    let (status, body) = act(&clinic, &draft, "pay", None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("invoice_not_issued")),
        "{body}"
    );
    assert!(body["detail"].as_str().unwrap().contains("draft"), "{body}");

    let paid = invoice(&clinic, patient, true).await;
    let by_hand = json!({ "amount_cents": 15000, "method": "cash" });
    assert_eq!(act(&clinic, &paid, "payments", Some(by_hand)).await.0, 201);
    let (status, body) = act(&clinic, &paid, "pay", None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("invoice_paid")),
        "{body}"
    );

    let customer = clinic.customer();
    let (status, _) = clinic
        .post(
            &format!("/api/v1/invoices/{paid}/pay"),
            As::Bearer(&customer),
            None,
        )
        .await;
    assert_eq!(status, 403);
    assert!(provider.received().is_empty(), "nothing was asked");
}

#[tokio::test]
async fn a_card_payment_starts_for_what_is_owed_and_the_webhook_records_it_once() {
    let provider = FakeProvider::start(200, INTENT).await;
    let clinic = Clinic::with_payments_api(provider.url.clone()).await;
    let secret = stripe(&clinic).await;
    let patient = clinic.patient("Alan Turing");
    let id = invoice(&clinic, patient, true).await;
    // Part paid at the desk: the card pays the rest.
    let by_hand = json!({ "amount_cents": 5000, "method": "cash" });
    assert_eq!(act(&clinic, &id, "payments", Some(by_hand)).await.0, 201);

    let (status, body) = act(&clinic, &id, "pay", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({
            "provider": "stripe",
            "instructions": null,
            "client_secret": "pi_clinic_1_secret",
            "payment_intent_id": "pi_clinic_1",
        })
    );
    let sent = provider.received();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].header("authorization"),
        Some("Bearer sk_test_clinic_4242")
    );
    assert_eq!(sent[0].field("amount").as_deref(), Some("10000"));
    assert_eq!(sent[0].field("currency").as_deref(), Some("eur"));
    assert_eq!(
        sent[0].field("metadata[clinic_invoice_id]"),
        Some(id.clone())
    );
    assert_eq!(sent[0].field("metadata[order_id]"), None);
    assert_eq!(view(&clinic, &id).await["status"], "issued", "not paid yet");

    let event = succeeded(&id, "pi_clinic_1", 10000);
    let (status, body) = deliver(&clinic, &secret, &event).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({ "received": true, "outcome": "applied" }));
    let paid = view(&clinic, &id).await;
    assert_eq!(paid["status"], "paid", "{paid}");
    assert_eq!(paid["balance_cents"], 0);
    let payments = paid["payments"].as_array().unwrap();
    assert_eq!(payments.len(), 2, "{paid}");
    assert_eq!(payments[1]["method"], "card");
    assert_eq!(payments[1]["amount_cents"], 10000);
    assert_eq!(payments[1]["provider_ref"], "pi_clinic_1");
    assert_eq!(payments[1]["recorded_by"], Uuid::nil().to_string());
    let provider_rows = clinic.count(&format!(
        "SELECT count(*) AS n FROM patient_access_log WHERE patient_id = '{patient}' \
         AND action = 'record_payment' AND actor_role = 'payment_provider' AND succeeded"
    ));
    assert_eq!(provider_rows, 1);

    // The same event again: nothing more.
    let (status, body) = deliver(&clinic, &secret, &event).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({ "received": true, "duplicate": true }));
    // Another event of the same intent: recorded, pays nothing twice.
    let (status, body) = deliver(&clinic, &secret, &succeeded(&id, "pi_clinic_1", 10000)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "ignored");
    let again = view(&clinic, &id).await;
    assert_eq!(again["payments"].as_array().unwrap().len(), 2, "{again}");
    assert_eq!(again["paid_cents"], 15000);
    assert_eq!(
        clinic.count("SELECT count(*) AS n FROM clinic_invoice_payments WHERE method = 'card'"),
        1
    );
}

#[tokio::test]
async fn a_bad_signature_stores_nothing_and_an_unknown_invoice_is_ignored() {
    let provider = FakeProvider::start(200, INTENT).await;
    let clinic = Clinic::with_payments_api(provider.url.clone()).await;
    let secret = stripe(&clinic).await;
    let patient = clinic.patient("Katherine Johnson");
    let id = invoice(&clinic, patient, true).await;

    let event = succeeded(&id, "pi_forged", 15000);
    let (status, body) = deliver(&clinic, "whsec_not_the_tenant_s", &event).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_signature")),
        "{body}"
    );
    assert_eq!(clinic.count("SELECT count(*) AS n FROM payment_events"), 0);
    assert_eq!(
        clinic.count("SELECT count(*) AS n FROM clinic_invoice_payments"),
        0
    );
    assert_eq!(view(&clinic, &id).await["status"], "issued");

    let unknown = succeeded(&Uuid::new_v4().to_string(), "pi_elsewhere", 15000);
    let (status, body) = deliver(&clinic, &secret, &unknown).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "ignored");
    assert_eq!(clinic.count("SELECT count(*) AS n FROM payment_events"), 1);
    assert_eq!(
        clinic.count("SELECT count(*) AS n FROM clinic_invoice_payments"),
        0
    );

    // More than is owed records nothing either.
    let (status, body) = deliver(&clinic, &secret, &succeeded(&id, "pi_big", 15001)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["outcome"], "amount_mismatch");
    assert_eq!(view(&clinic, &id).await["status"], "issued");
}

//! The buyer starts paying: a manual shop's instructions, or a payment
//! intent made on the card provider (a stand-in on this machine) with the
//! shop's key, the order's amount and its id.

use serde_json::json;

use super::fixture::Spec;
use super::webhook::{card_order, stripe_shop};
use super::{As, Shop};
use crate::billing::provider::FakeProvider;
use crate::support::*;

async fn shop_on(provider: &FakeProvider) -> Shop {
    let url = provider.url.clone();
    let app = spawn_app_with(move |s| s.stores.payments_api_url = url).await;
    Shop::with(app, provision_tenant("pay"), None)
}

#[tokio::test]
async fn a_card_payment_starts_on_the_provider_with_the_shop_s_key() {
    let provider = FakeProvider::start(
        200,
        r#"{"id": "pi_test_1", "object": "payment_intent", "client_secret": "pi_test_1_secret_xyz"}"#,
    )
    .await;
    let shop = shop_on(&provider).await;
    stripe_shop(&shop).await;
    let placed = card_order(&shop);
    let (status, body) = shop
        .post(
            &format!("/api/v1/orders/{}/pay", placed.order_id),
            As::Token(&placed.token),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({
            "provider": "stripe",
            "instructions": null,
            "client_secret": "pi_test_1_secret_xyz",
            "payment_intent_id": "pi_test_1",
        })
    );
    let sent = provider.received();
    assert_eq!(sent.len(), 1);
    let request = &sent[0];
    assert!(
        request
            .request_line
            .starts_with("POST /v1/payment_intents "),
        "{}",
        request.request_line
    );
    assert_eq!(
        request.header("authorization"),
        Some("Bearer sk_test_shop_4242")
    );
    assert_eq!(
        request.field("amount"),
        Some(placed.total_cents.to_string())
    );
    assert_eq!(request.field("currency").as_deref(), Some("eur"));
    assert_eq!(
        request.field("metadata[order_id]"),
        Some(placed.order_id.to_string())
    );
    // Paying does not pay: the provider's webhook does.
    assert_eq!(shop.status(&placed), "pending_payment");
}

#[tokio::test]
async fn a_provider_that_fails_is_a_502_and_a_shop_without_a_key_a_503() {
    let provider = FakeProvider::start(500, r#"{"error": {"message": "boom"}}"#).await;
    let shop = shop_on(&provider).await;
    let placed = card_order(&shop);
    let path = format!("/api/v1/orders/{}/pay", placed.order_id);
    // The order asks for cards, the shop has no key.
    let (status, body) = shop.post(&path, As::Token(&placed.token), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("payments_not_configured"))
    );
    stripe_shop(&shop).await;
    let (status, body) = shop.post(&path, As::Token(&placed.token), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (502, Some("payment_provider_error"))
    );
    assert!(!body.to_string().contains("boom"), "{body}");
}

#[tokio::test]
async fn a_manual_shop_answers_its_instructions_and_calls_nobody() {
    let provider = FakeProvider::start(200, "{}").await;
    let shop = shop_on(&provider).await;
    let owner = shop.app.owner_token(&shop.tenant);
    let (status, _) = shop
        .post(
            "/api/v1/payments/settings",
            As::Bearer(&owner),
            Some(json!({ "provider": "manual", "instructions": "Cash on delivery." })),
        )
        .await;
    assert_eq!(status, 200);
    let (customer_id, customer) = super::fixture::customer(&shop.app, &shop.tenant);
    let placed = shop.place(Spec {
        customer_id: Some(customer_id),
        ..Spec::default()
    });
    let path = format!("/api/v1/orders/{}/pay", placed.order_id);
    let (status, body) = shop.post(&path, As::Bearer(&customer), None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({ "provider": "manual", "instructions": "Cash on delivery." })
    );
    assert!(provider.received().is_empty());

    // Someone else's, or one not waiting for payment: refused.
    let (status, _) = shop.post(&path, As::Token("trk_nope"), None).await;
    assert_eq!(status, 404);
    let (status, _) = shop.post(&path, As::Staff, None).await;
    assert_eq!(status, 404, "staff are not the buyer");
    assert_eq!(shop.move_to(placed.order_id, "cancelled").await.0, 200);
    let (status, body) = shop.post(&path, As::Bearer(&customer), None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("order_not_pending"))
    );
}

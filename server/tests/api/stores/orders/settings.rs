//! The shop's payment settings: owner and admins set them; the webhook
//! secret is answered once, when made; the API key never.

use serde_json::json;

use super::webhook::{card_order, deliver, succeeded};
use super::{As, Shop};

const SETTINGS: &str = "/api/v1/payments/settings";

#[tokio::test]
async fn the_webhook_secret_is_answered_once_and_never_again() {
    let shop = Shop::new().await;
    let owner = shop.app.owner_token(&shop.tenant);
    let (status, body) = shop.get(SETTINGS, As::Bearer(&owner)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["provider"], "manual");
    assert_eq!(body["webhook_secret_set"], false);

    let (status, first) = shop
        .post(
            SETTINGS,
            As::Bearer(&owner),
            Some(json!({ "provider": "manual", "instructions": "IBAN FR76 3000 6000 0112 3456 7890 189" })),
        )
        .await;
    assert_eq!(status, 200, "{first}");
    let secret = first["webhook_secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{first}");
    assert_eq!(first["api_key_set"], false);

    let (status, second) = shop
        .post(
            SETTINGS,
            As::Bearer(&owner),
            Some(json!({ "provider": "stripe", "api_key": "sk_test_abcdefgh9876" })),
        )
        .await;
    assert_eq!(status, 200, "{second}");
    assert!(second.get("webhook_secret").is_none(), "{second}");
    assert_eq!(second["api_key_set"], true);
    assert_eq!(second["api_key_last4"], "9876");
    assert_eq!(second["instructions"], first["instructions"], "kept");
    let (_, shown) = shop.get(SETTINGS, As::Bearer(&owner)).await;
    for answer in [&second, &shown] {
        let text = answer.to_string();
        assert!(!text.contains(&secret), "{text}");
        assert!(!text.contains("sk_test_abcdefgh9876"), "{text}");
        assert!(answer.get("api_key").is_none(), "{text}");
    }
    assert_eq!(shown["provider"], "stripe");
    assert_eq!(shown["webhook_secret_set"], true);

    // The secret verifies the provider's events.
    let placed = card_order(&shop);
    let (status, body) = deliver(&shop, &secret, &succeeded(&placed)).await;
    assert_eq!(
        (status, body["outcome"].as_str()),
        (200, Some("applied")),
        "{body}"
    );

    // A rotation answers a new one, and the old one stops verifying.
    let (_, rotated) = shop
        .post(
            SETTINGS,
            As::Bearer(&owner),
            Some(json!({ "provider": "stripe", "rotate_webhook_secret": true })),
        )
        .await;
    let new_secret = rotated["webhook_secret"].as_str().unwrap();
    assert_ne!(new_secret, secret);
    let other = card_order(&shop);
    let (status, _) = deliver(&shop, &secret, &succeeded(&other)).await;
    assert_eq!(status, 400);
    let (status, _) = deliver(&shop, new_secret, &succeeded(&other)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn stripe_needs_a_key_and_bad_fields_are_named_together() {
    let shop = Shop::new().await;
    let owner = shop.app.owner_token(&shop.tenant);
    let (status, body) = shop
        .post(
            SETTINGS,
            As::Bearer(&owner),
            Some(json!({ "provider": "stripe" })),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "api_key");
    let (status, body) = shop
        .post(
            SETTINGS,
            As::Bearer(&owner),
            Some(json!({ "provider": "bitcoin", "api_key": "has spaces in it", "instructions": "x".repeat(2001) })),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"].as_array().unwrap().len(), 3, "{body}");
    // Nothing was stored by the refusals.
    let (_, shown) = shop.get(SETTINGS, As::Bearer(&owner)).await;
    assert_eq!(shown["webhook_secret_set"], false);
}

#[tokio::test]
async fn only_the_owner_and_admins_see_or_set_payments() {
    let shop = Shop::new().await;
    let body = Some(json!({ "provider": "manual" }));
    for who in [As::Staff, As::Nobody] {
        let (status, _) = shop.post(SETTINGS, who, body.clone()).await;
        assert!(status == 401 || status == 403, "{status}");
    }
    let (status, answer) = shop.get(SETTINGS, As::Staff).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (403, Some("forbidden_role"))
    );
    let admin = shop.app.member_token(&shop.tenant, identity::Role::Admin);
    let (status, answer) = shop.post(SETTINGS, As::Bearer(&admin), body).await;
    assert_eq!(status, 200, "{answer}");
}

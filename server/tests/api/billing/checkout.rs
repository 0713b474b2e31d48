//! Opening the provider's checkout: what the provider is sent, who may ask,
//! and the answers when the plan or the provider fails.

use identity::Role;
use serde_json::json;

use super::provider::FakeProvider;
use super::*;
use crate::support::*;

const CHECKOUT: &str = "/api/v1/billing/checkout-session";
const API_KEY: &str = "sk_test_51c0ffee";
const SESSION: &str = r#"{"id": "cs_test_1", "url": "https://checkout.example.com/c/cs_test_1"}"#;

async fn app_with(provider: &FakeProvider) -> TestApp {
    let url = provider.url.clone();
    spawn_app_with(move |s| {
        s.billing.api_url = url;
        s.billing.api_key = API_KEY.into();
    })
    .await
}

async fn open(app: &TestApp, tenant: &TestTenant, token: &str, plan: &str) -> (u16, Value) {
    json_of(
        app.post(&tenant.host, CHECKOUT)
            .bearer_auth(token)
            .json(&json!({ "plan": plan }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn the_owner_is_sent_to_the_providers_checkout() {
    let provider = FakeProvider::start(200, SESSION).await;
    let app = app_with(&provider).await;
    let tenant = tenant_on_pro("pay-co");
    let (status, answer) = open(&app, &tenant, &app.owner_token(&tenant), "basic").await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["url"], "https://checkout.example.com/c/cs_test_1");
    let sent = provider.received();
    assert_eq!(sent.len(), 1);
    let r = &sent[0];
    assert_eq!(r.request_line, "POST /v1/checkout/sessions HTTP/1.1");
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/x-www-form-urlencoded"));
    let field = |name: &str| {
        r.field(name)
            .unwrap_or_else(|| panic!("no {name} in {}", r.body))
    };
    assert_eq!(field("mode"), "subscription");
    assert_eq!(field("line_items[0][price_data][currency]"), "eur");
    assert_eq!(field("line_items[0][price_data][unit_amount]"), "1900");
    assert_eq!(
        field("line_items[0][price_data][recurring][interval]"),
        "month"
    );
    assert_eq!(
        field("line_items[0][price_data][product_data][name]"),
        "Basic"
    );
    assert_eq!(field("line_items[0][quantity]"), "1");
    assert_eq!(field("metadata[tenant]"), tenant.slug);
    assert_eq!(field("subscription_data[metadata][tenant]"), tenant.slug);
    assert_eq!(field("client_reference_id"), tenant.slug);
    let success = field("success_url");
    assert!(
        success.ends_with(&format!("://{}/admin/billing?billing=success", tenant.host)),
        "{success}"
    );
    let cancel = field("cancel_url");
    assert!(
        cancel.ends_with(&format!("://{}/admin/billing?billing=cancel", tenant.host)),
        "{cancel}"
    );
}

#[tokio::test]
async fn an_admin_may_not_open_a_checkout() {
    let provider = FakeProvider::start(200, SESSION).await;
    let app = app_with(&provider).await;
    let tenant = tenant_on_pro("pay-co-admin");
    let admin = app.member_token(&tenant, Role::Admin);
    let (status, problem) = open(&app, &tenant, &admin, "basic").await;
    assert_eq!(status, 403, "{problem}");
    assert!(provider.received().is_empty());
}

#[tokio::test]
async fn an_unknown_plan_is_a_422_naming_the_plans() {
    let provider = FakeProvider::start(200, SESSION).await;
    let app = app_with(&provider).await;
    let tenant = tenant_on_pro("pay-co-plan");
    let (status, problem) = open(&app, &tenant, &app.owner_token(&tenant), "platinum").await;
    assert_eq!(status, 422, "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("platinum") && detail.contains("basic") && detail.contains("pro"),
        "{detail}"
    );
    // Text PostgreSQL cannot store is an unknown plan too, not a 500.
    let (status, problem) = open(&app, &tenant, &app.owner_token(&tenant), "pro\u{0}").await;
    assert_eq!(status, 422, "{problem}");
    assert!(provider.received().is_empty());
}

#[tokio::test]
async fn a_failing_provider_is_a_502() {
    let provider = FakeProvider::start(500, r#"{"error": {"message": "boom"}}"#).await;
    let app = app_with(&provider).await;
    let tenant = tenant_on_pro("pay-co-502");
    let (status, problem) = open(&app, &tenant, &app.owner_token(&tenant), "pro").await;
    assert_eq!(status, 502, "{problem}");
    assert_eq!(problem["code"], "payment_provider_error");
    assert!(
        !problem["detail"].as_str().unwrap().contains("boom"),
        "{problem}"
    );
    assert_eq!(provider.received().len(), 1);
}

#[tokio::test]
async fn without_an_api_key_checkout_is_unavailable() {
    let app = spawn_app_with(|s| s.billing.api_key = String::new()).await;
    let tenant = tenant_on_pro("pay-co-503");
    let (status, problem) = open(&app, &tenant, &app.owner_token(&tenant), "pro").await;
    assert_eq!(
        (status, &problem["code"]),
        (503, &json!("payments_not_configured")),
        "{problem}"
    );
}

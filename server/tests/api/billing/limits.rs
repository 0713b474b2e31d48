//! What a plan allows, enforced where things are created: seats taken
//! atomically, features refused with the plans that include them.

use serde_json::{json, Value};

use crate::support::*;

/// A tenant on a plan of its own with `limits` and `features`.
fn tenant_on(limits: &str, features: &str) -> (TestTenant, String) {
    provision_on_new_plan(limits, features)
}

async fn add_staff(
    app: &TestApp,
    tenant: &TestTenant,
    token: &str,
    name: impl Into<String>,
) -> (u16, Value) {
    let name: String = name.into();
    json_of(
        app.post(&tenant.host, "/api/v1/staff")
            .bearer_auth(token)
            .json(&json!({ "name": name }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn ten_concurrent_staff_creations_with_one_seat_left_give_exactly_one() {
    let app = spawn_app().await;
    let (tenant, _) = tenant_on(r#"{"staff": 3}"#, "{}");
    let token = app.owner_token(&tenant);
    for name in ["Ada", "Ben"] {
        assert_eq!(add_staff(&app, &tenant, &token, name).await.0, 201);
    }
    let answers = futures_util::future::join_all(
        (0..10).map(|i| add_staff(&app, &tenant, &token, format!("Racer {i}"))),
    )
    .await;
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(created, 1, "{answers:?}");
    let refused = answers.iter().find(|(s, _)| *s == 403).unwrap();
    let problem = &refused.1;
    assert_eq!(problem["code"], "plan_limit_reached", "{problem}");
    assert_eq!(problem["limit"], "staff");
    assert_eq!(problem["value"], 3);
    assert!(
        problem["plans"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "pro"),
        "pro lifts it: {problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("3 staff members"),
        "{problem}"
    );
    let (_, list) = json_of(app.get(&tenant.host, "/api/v1/staff").send().await.unwrap()).await;
    assert_eq!(
        list.as_array()
            .map(Vec::len)
            .or(list["items"].as_array().map(Vec::len)),
        Some(3)
    );
}

#[tokio::test]
async fn a_deleted_member_frees_a_seat_and_services_and_customers_are_capped_too() {
    let app = spawn_app().await;
    let (tenant, _) = tenant_on(r#"{"staff": 1, "services": 1, "customers": 1}"#, "{}");
    let token = app.owner_token(&tenant);
    let (status, first) = add_staff(&app, &tenant, &token, "Ada").await;
    assert_eq!(status, 201);
    assert_eq!(add_staff(&app, &tenant, &token, "Ben").await.0, 403);
    let id = first["id"].as_str().unwrap();
    let res = app
        .delete(&tenant.host, &format!("/api/v1/staff/{id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert_eq!(add_staff(&app, &tenant, &token, "Ben").await.0, 201);

    let service =
        json!({ "name": "Cut", "duration_minutes": 30, "price_cents": 1000, "currency": "EUR" });
    let post = |path: &'static str, body: Value| {
        app.post(&tenant.host, path)
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    assert_eq!(
        post("/api/v1/services", service.clone())
            .await
            .unwrap()
            .status(),
        201
    );
    let (status, problem) = json_of(post("/api/v1/services", service).await.unwrap()).await;
    assert_eq!(
        (status, problem["limit"].as_str()),
        (403, Some("services")),
        "{problem}"
    );
    let customer = |n: u8| json!({ "name": format!("Customer {n}") });
    assert_eq!(
        post("/api/v1/customers", customer(1))
            .await
            .unwrap()
            .status(),
        201
    );
    let (status, problem) = json_of(post("/api/v1/customers", customer(2)).await.unwrap()).await;
    assert_eq!(
        (status, problem["limit"].as_str()),
        (403, Some("customers")),
        "{problem}"
    );
}

#[tokio::test]
async fn webhooks_outside_the_plan_are_refused_with_the_plans_that_include_them() {
    let app = spawn_app().await;
    let (tenant, _) = tenant_on("{}", "{custom_domain}");
    let token = app.owner_token(&tenant);
    let (status, problem) = json_of(
        app.post(&tenant.host, "/api/v1/webhooks")
            .bearer_auth(&token)
            .json(&json!({ "url": "https://hooks.example.com/in", "events": ["booking.created"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(problem["code"], "feature_not_in_plan");
    assert_eq!(problem["feature"], "webhooks");
    assert!(
        problem["plans"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "pro"),
        "{problem}"
    );
    let (_, listed) = json_of(
        app.get(&tenant.host, "/api/v1/webhooks")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(listed["items"], json!([]), "nothing was stored: {listed}");
}

/// The subscription view counts what the limits count.
#[tokio::test]
async fn the_subscription_shows_each_limits_use() {
    let app = spawn_app().await;
    let (tenant, code) = tenant_on(r#"{"staff": 5}"#, "{sms}");
    let token = app.owner_token(&tenant);
    add_staff(&app, &tenant, &token, "Ada").await;
    let (status, sub) = json_of(
        app.get(&tenant.host, "/api/v1/billing/subscription")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{sub}");
    assert_eq!(sub["plan"]["code"], code.as_str());
    assert_eq!(
        sub["status"], "active",
        "a plan without a trial starts its first period"
    );
    assert_eq!(sub["features"], json!(["sms"]));
    let by_name = |n: &str| {
        sub["limits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["limit"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(
        by_name("staff"),
        json!({"limit": "staff", "value": 5, "used": 1})
    );
    assert_eq!(by_name("services")["value"], Value::Null, "unlimited");
    let staff_token = app.member_token(&tenant, identity::Role::Staff);
    let res = app
        .get(&tenant.host, "/api/v1/billing/subscription")
        .bearer_auth(&staff_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "owner and admins only");
}

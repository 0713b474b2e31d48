//! A past-due tenant past its grace period is read-only: reads answer,
//! writes are 402, signing in still works; the provider's `invoice.paid`
//! makes it writable at once.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Uuid as SqlUuid};
use serde_json::json;

use crate::support::*;

/// Past due since a payment failed `days_ago` (the grace period runs
/// from then), as `invoice.payment_failed` leaves it.
fn set_past_due(tenant: &TestTenant, days_ago: i32) {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(
        "UPDATE subscriptions SET status = 'past_due', \
         past_due_since = now() - make_interval(days => $2) WHERE tenant_id = $1",
    )
    .bind::<SqlUuid, _>(tenant.id)
    .bind::<Integer, _>(days_ago)
    .execute(&mut conn)
    .unwrap();
}

async fn add_customer(app: &TestApp, tenant: &TestTenant, token: &str) -> u16 {
    app.post(&tenant.host, "/api/v1/customers")
        .bearer_auth(token)
        .json(&json!({ "name": "Ann Example" }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// The registry drops its cache on the subscription's NOTIFY; wait for it.
async fn until_status(app: &TestApp, tenant: &TestTenant, token: &str, want: u16) {
    for _ in 0..100 {
        if add_customer(app, tenant, token).await == want {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("writes never answered {want}");
}

#[tokio::test]
async fn past_due_beyond_grace_is_read_only_until_paid() {
    let app = super::billing_app().await;
    assert_eq!(app.app_state.settings.billing.grace_days, 7);
    let tenant = provision_tenant("due");
    let token = app.owner_token(&tenant);
    assert_eq!(add_customer(&app, &tenant, &token).await, 201);
    let (_, service) = json_of(
        app.post(&tenant.host, "/api/v1/services")
            .bearer_auth(&token)
            .json(&json!({ "name": "Cut", "duration_minutes": 30, "price_cents": 1000, "currency": "EUR" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let book_path = format!("/book/{}", service["id"].as_str().unwrap());

    // Within the grace period: still writable.
    set_past_due(&tenant, 3);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(add_customer(&app, &tenant, &token).await, 201);

    set_past_due(&tenant, 8);
    until_status(&app, &tenant, &token, 402).await;
    let (status, problem) = json_of(
        app.post(&tenant.host, "/api/v1/staff")
            .bearer_auth(&token)
            .json(&json!({ "name": "Ada" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 402, "{problem}");
    assert_eq!(problem["code"], "subscription_past_due");
    // Reads answer as usual; signing in still works, and so does billing.
    let res = app
        .get(&tenant.host, "/api/v1/customers")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (status, _) = login(&app, &tenant.host, &tenant.owner_email, OWNER_PASSWORD).await;
    assert_eq!(status, 200);
    let res = app
        .get(&tenant.host, "/api/v1/billing/subscription")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The back office's checkout stays open, so the owner can pay: this
    // post reaches its handler (which wants its CSRF token), not the 402.
    let res = app
        .post(&tenant.host, "/admin/billing/checkout")
        .header("Accept", "text/html")
        .form(&[("plan", "pro")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // The booking page says why, in the visitor's language.
    let page = app
        .post(&tenant.host, "/book/00000000-0000-0000-0000-000000000000")
        .header("Accept", "text/html")
        .header("Accept-Language", "fr")
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 402);
    assert!(page.text().await.unwrap().contains("réservations"));
    let page = app
        .get(&tenant.host, &book_path)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"paused\""),
        "the booking page says why: {html}"
    );

    // The provider says the invoice is paid: writes work again at once.
    let paid = super::event(
        "invoice.paid",
        super::now(),
        &tenant.slug,
        json!({"id": super::unique("in"), "lines": {"data": [{"period":
            {"start": super::now(), "end": super::now() + 30 * 86_400}}]}}),
    );
    let (status, answer) = super::deliver(&app, &paid).await;
    assert_eq!(
        (status, &answer["outcome"]),
        (200, &json!("applied")),
        "{answer}"
    );
    until_status(&app, &tenant, &token, 201).await;
}

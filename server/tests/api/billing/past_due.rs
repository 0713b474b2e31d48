//! A past-due tenant past its grace period is read-only: reads answer,
//! writes are 402, signing in still works; paying makes it writable at once.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Uuid as SqlUuid};
use serde_json::json;

use crate::support::*;

fn set_past_due(tenant: &TestTenant, days_ago: Option<i32>) {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let sql = match days_ago {
        Some(_) => {
            "UPDATE subscriptions SET status = 'past_due', \
                    past_due_since = now() - make_interval(days => $2) WHERE tenant_id = $1"
        }
        None => {
            "UPDATE subscriptions SET status = 'active', past_due_since = NULL \
                 WHERE tenant_id = $1 AND $2 = $2"
        }
    };
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(tenant.id)
        .bind::<Integer, _>(days_ago.unwrap_or(0))
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
    let app = spawn_app_with(|s| s.billing.grace_days = 7).await;
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
    set_past_due(&tenant, Some(3));
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(add_customer(&app, &tenant, &token).await, 201);

    set_past_due(&tenant, Some(8));
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

    set_past_due(&tenant, None);
    until_status(&app, &tenant, &token, 201).await;
}

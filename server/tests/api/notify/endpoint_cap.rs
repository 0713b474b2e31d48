//! A tenant has at most WEBHOOK_MAX_ENDPOINTS_PER_TENANT endpoints: each
//! one adds a delivery to every event its tenant emits.

use serde_json::{json, Value};

use crate::support::*;

async fn create(app: &TestApp, t: &TestTenant, token: &str, n: usize) -> (u16, Value) {
    json_of(
        app.post(&t.host, "/api/v1/webhooks")
            .bearer_auth(token)
            .json(&json!({ "url": format!("https://hooks{n}.example.com/in"), "events": ["booking.created"] }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn one_endpoint_past_the_cap_is_a_409_until_one_is_deleted() {
    let app = spawn_app_with(|s| s.webhook_max_endpoints_per_tenant = 3).await;
    let t = provision_tenant("hookcap");
    let token = app.owner_token(&t);
    let mut ids = Vec::new();
    for n in 0..3 {
        let (status, body) = create(&app, &t, &token, n).await;
        assert_eq!(status, 201, "{body}");
        ids.push(body["id"].as_str().unwrap().to_string());
    }

    let (status, body) = create(&app, &t, &token, 3).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "too_many_webhook_endpoints", "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains('3'),
        "the answer names the cap: {body}"
    );

    // Another tenant has its own count.
    let other = provision_tenant("hookcap2");
    let (status, body) = create(&app, &other, &app.owner_token(&other), 0).await;
    assert_eq!(status, 201, "{body}");

    let status = app
        .delete(&t.host, &format!("/api/v1/webhooks/{}", ids[0]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
    let (status, body) = create(&app, &t, &token, 4).await;
    assert_eq!(status, 201, "{body}");
}

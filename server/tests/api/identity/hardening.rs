//! The start-up check of the JWT secret, the limit on password reset
//! confirmation, and token answers that no cache may keep.

use serde_json::json;

use crate::support::*;
use kernel::settings::{AppEnv, DEV_JWT_SECRET};
use server::startup::build_state;

#[tokio::test]
async fn the_server_refuses_to_start_with_the_published_secret() {
    let mut settings = test_settings();
    settings.jwt_secret = DEV_JWT_SECRET.into();
    settings.app_env = AppEnv::Production;
    // The check runs first when the application is built (Application::build).
    let refused = build_state(settings.clone()).err().unwrap();
    let line = refused.to_string();
    assert!(line.contains("JWT_SECRET"), "{line}");
    assert!(line.contains("APP_ENV=development"), "{line}");

    // Local development may say so explicitly.
    settings.app_env = AppEnv::Development;
    assert!(build_state(settings).is_ok());
}

#[tokio::test]
async fn reset_confirmation_is_limited_per_client_address() {
    let app = spawn_app_with(|s| {
        s.auth_rate_limit = 3;
        s.auth_rate_window_secs = 60;
        // The test client connects from loopback, acting as a proxy.
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let tenant = provision_tenant("rl-confirm");
    let b = uuid::Uuid::new_v4().into_bytes();
    let ip = format!("10.{}.{}.{}", b[0], b[1], b[2].max(1));
    let mut statuses = Vec::new();
    for _ in 0..4 {
        // Well-formed tokens nobody issued: each is looked up, none hashed.
        let token = uuid::Uuid::new_v4().simple().to_string();
        let res = app
            .post(&tenant.host, "/api/v1/auth/password-reset/confirm")
            .header("x-forwarded-for", &ip)
            .json(&json!({ "token": token, "password": "brand-new-pass-42" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            assert!(res.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(statuses, [400, 400, 400, 429]);
}

#[tokio::test]
async fn token_answers_are_never_cached() {
    let app = spawn_app().await;
    let tenant = provision_tenant("no-store");
    let email = unique_email("nostore");
    customer_account(&app, &tenant, &email).await;
    let logged_in = app
        .post(&tenant.host, "/api/v1/auth/login")
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(logged_in.status(), 200);
    let headers = logged_in.headers().clone();
    let (_, tokens) = json_of(logged_in).await;
    let refreshed = app
        .post(&tenant.host, "/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": tokens["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), 200);
    for h in [&headers, refreshed.headers()] {
        assert_eq!(h["cache-control"], "no-store");
        assert_eq!(h["pragma"], "no-cache");
    }
}

//! Webhook endpoint URLs are checked when stored: a host written as an
//! address in a refused range (loopback, link-local, private ...), or a
//! `localhost` name, is a 422 on `url`, unless the operator's
//! OUTBOUND_ALLOW_PRIVATE_NETS allows it (the test settings allow
//! 127.0.0.1/32 only).

use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use kernel::settings::Settings;
use reqwest::header::HOST;
use serde_json::{json, Value};

use crate::support::*;

/// The API alone, with `settings` and no outbox workers: a worker refusing
/// 127.0.0.1 would fail the deliveries of the other tests sharing the
/// outbox.
async fn api_without_workers(settings: Settings) -> String {
    let data = web::Data::new(server::startup::build_state(settings).unwrap());
    let api = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .wrap(from_fn(server::extract::tenant::resolve_tenant))
            .service(web::scope("/api/v1").configure(server::openapi::api_routes))
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .unwrap();
    let port = api.addrs()[0].port();
    tokio::spawn(api.run());
    format!("http://127.0.0.1:{port}")
}

async fn create(base: &str, tenant: &TestTenant, token: &str, url: &str) -> (u16, Value) {
    json_of(
        reqwest::Client::new()
            .post(format!("{base}/api/v1/webhooks"))
            .header(HOST, &tenant.host)
            .bearer_auth(token)
            .json(&json!({ "url": url, "events": ["booking.created"] }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn assert_refused(base: &str, tenant: &TestTenant, token: &str, url: &str) {
    let (status, body) = create(base, tenant, token, url).await;
    assert_eq!(status, 422, "{url}: {body}");
    assert_eq!(body["errors"][0]["field"], "url", "{url}: {body}");
}

/// Refused whatever the test settings allow.
const ALWAYS_REFUSED: &[&str] = &[
    "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:127.0.0.1]/",
    "http://10.0.0.1/",
    "http://192.168.1.10:8080/hooks",
    "http://100.64.0.1/",
    "http://127.0.0.2/",
    "http://[::1]/",
    "http://[fd00::1]/",
    "http://2130706433/",
];

#[tokio::test]
async fn webhook_urls_to_refused_addresses_get_422_unless_allowed() {
    let app = spawn_app().await;
    let tenant = provision_tenant("hookurl");
    let token = app.owner_token(&tenant);
    for url in ALWAYS_REFUSED {
        assert_refused(&app.address, &tenant, &token, url).await;
    }
    // The test settings allow 127.0.0.1/32, and so localhost.
    for url in ["http://127.0.0.1:9/hooks", "http://localhost:9/hooks"] {
        let (status, body) = create(&app.address, &tenant, &token, url).await;
        assert_eq!(status, 201, "{url}: {body}");
    }

    // The production default allows nothing private.
    let mut settings = test_settings();
    settings.outbound_allow_private_nets.clear();
    let strict = api_without_workers(settings).await;
    for url in [
        "http://127.0.0.1/hooks",
        "http://localhost/",
        "http://a.localhost/",
    ] {
        assert_refused(&strict, &tenant, &token, url).await;
    }
    for url in ALWAYS_REFUSED {
        assert_refused(&strict, &tenant, &token, url).await;
    }
    let (status, body) = create(&strict, &tenant, &token, "https://hooks.example.com/x").await;
    assert_eq!(status, 201, "{body}");
}

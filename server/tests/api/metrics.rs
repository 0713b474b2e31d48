//! GET /metrics: served on the metrics listener only, counting requests by
//! route pattern and status, with the pool's and the outbox's state, and
//! never a tenant in a label.

use diesel::prelude::*;
use kernel::schema::public::outbox as ob;

use crate::support::*;

/// The value of the series written exactly as `series` (name and labels).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.trim().parse().unwrap())
}

fn requests(text: &str, method: &str, route: &str, status: u16) -> Option<f64> {
    sample(
        text,
        &format!(
            "http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}}"
        ),
    )
}

async fn scrape(app: &TestApp) -> String {
    let address = app.metrics_address.as_ref().expect("metrics listener");
    let res = app
        .client
        .get(format!("{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    res.text().await.unwrap()
}

/// A job no worker takes (no worker handles its kind), due for an hour.
fn enqueue_stuck_job(db: &PrivateDb, tenant: &TestTenant) {
    diesel::insert_into(ob::table)
        .values((
            ob::tenant_id.eq(Some(tenant.id)),
            ob::kind.eq("metrics-test"),
            ob::payload.eq(serde_json::json!({})),
            ob::run_at.eq(chrono::Utc::now() - chrono::Duration::hours(1)),
        ))
        .execute(&mut db.conn())
        .unwrap();
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_never_name_a_tenant() {
    // A database of its own: the outbox and the host cache are this test's.
    let db = PrivateDb::create();
    let tenant = db.provision("metrics");
    let url = db.url.clone();
    let app = spawn_app_with(move |s| {
        s.database_url = url;
        s.metrics_addr = Some("127.0.0.1:0".into());
    })
    .await;
    let token = app.owner_token(&tenant);

    for _ in 0..3 {
        let res = app
            .get(
                &tenant.host,
                &format!("/api/v1/customers/{}", uuid::Uuid::new_v4()),
            )
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
    for _ in 0..2 {
        let res = app
            .get(&tenant.host, "/api/v1/customers?limit=5")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let res = app.get(&tenant.host, "/no/such/page").send().await.unwrap();
    assert_eq!(res.status(), 404);
    // The tenant's host (the main port) has no /metrics.
    let res = app.get(&tenant.host, "/metrics").send().await.unwrap();
    assert_eq!(res.status(), 404);

    let text = scrape(&app).await;
    let customer = "/api/v1/customers/{id}";
    assert_eq!(requests(&text, "GET", customer, 404), Some(3.0), "{text}");
    assert_eq!(
        requests(&text, "GET", "/api/v1/customers", 200),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        requests(&text, "GET", "unmatched", 404),
        Some(2.0),
        "{text}"
    );
    let latency = format!(
        "http_request_duration_seconds_count{{method=\"GET\",route=\"{customer}\",status=\"404\"}}"
    );
    assert_eq!(sample(&text, &latency), Some(3.0), "{text}");

    for secret in [&tenant.slug, &tenant.schema, &tenant.id.to_string()] {
        assert!(!text.contains(secret.as_str()), "{secret} in:\n{text}");
    }
    assert_eq!(sample(&text, "db_pool_max_connections"), Some(8.0));
    assert!(sample(&text, "db_pool_connections").unwrap() >= 1.0);
    assert!(sample(&text, "db_pool_connections_in_use").is_some());
    assert!(sample(&text, "db_pool_wait_seconds_count").unwrap() >= 7.0);
    assert!(sample(&text, "db_tenant_transaction_seconds_count").unwrap() >= 5.0);
    // Seven requests on the tenant's host, each looked up once.
    let hits = sample(&text, "tenant_host_cache_hits_total").unwrap();
    let misses = sample(&text, "tenant_host_cache_misses_total").unwrap();
    assert!(hits >= 1.0 && misses >= 1.0, "{hits} hits, {misses} misses");
    assert_eq!(hits + misses, 7.0);

    // The outbox: a job due for an hour shows as the oldest.
    let before = sample(&text, "outbox_oldest_due_job_age_seconds").unwrap();
    assert!(before < 3000.0, "{before}");
    enqueue_stuck_job(&db, &tenant);
    let text = scrape(&app).await;
    assert!(sample(&text, "outbox_jobs_due").unwrap() >= 1.0, "{text}");
    let oldest = sample(&text, "outbox_oldest_due_job_age_seconds").unwrap();
    assert!((3599.0..3700.0).contains(&oldest), "{oldest}");

    // The metrics listener answers nothing else.
    let address = app.metrics_address.as_ref().unwrap();
    let res = app
        .client
        .get(format!("{address}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

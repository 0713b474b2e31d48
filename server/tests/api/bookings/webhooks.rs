//! Outbound webhooks: signed, delivered through the outbox, retried.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use serde_json::{json, Value};

use super::{future_date, salon};
use crate::support::*;

#[derive(Clone, Default)]
struct Received {
    calls: Arc<Mutex<Vec<(String, String, String)>>>,
    /// Answer 500 to this many calls first.
    fail_first: Arc<Mutex<usize>>,
}

/// A real HTTP receiver on a random port that records what it gets.
async fn receiver(fail_first: usize) -> (String, Received) {
    let received = Received {
        fail_first: Arc::new(Mutex::new(fail_first)),
        ..Default::default()
    };
    let data = received.clone();
    let server = HttpServer::new(move || {
        let data = data.clone();
        App::new().default_service(web::to(move |req: HttpRequest, body: String| {
            let data = data.clone();
            async move {
                let header = |name: &str| {
                    req.headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_string()
                };
                data.calls.lock().unwrap().push((
                    header("x-webhook-event"),
                    header("x-webhook-signature"),
                    body,
                ));
                let mut fail = data.fail_first.lock().unwrap();
                if *fail > 0 {
                    *fail -= 1;
                    return HttpResponse::InternalServerError().finish();
                }
                HttpResponse::Ok().finish()
            }
        }))
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .unwrap();
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    (format!("http://127.0.0.1:{port}/hooks"), received)
}

async fn wait_for_calls(r: &Received, n: usize) -> Vec<(String, String, String)> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let calls = r.calls.lock().unwrap().clone();
        if calls.len() >= n {
            return calls;
        }
        assert!(
            Instant::now() < deadline,
            "only {} webhook calls arrived: {calls:?}",
            calls.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What a receiver does (README.md): the header is `t=<unix
/// seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, and a time more than
/// five minutes off is refused as a replay.
fn verifies(secret: &str, header: &str, body: &str) -> bool {
    notify::webhooks::verify(secret, header, body, chrono::Utc::now().timestamp(), 300)
}

#[tokio::test]
async fn booking_events_reach_the_webhook_signed_and_retried() {
    let s = salon("UTC", 1).await;
    // The first delivery fails with a 500: the outbox must retry it.
    let (url, received) = receiver(1).await;
    let (status, endpoint) = json_of(
        s.app
            .post(&s.tenant.host, "/api/v1/webhooks")
            .bearer_auth(&s.token)
            .json(&json!({ "url": url }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{endpoint}");
    let secret = endpoint["secret"].as_str().unwrap().to_string();

    let date = future_date(9);
    let slots = s.slots(&date, None).await;
    let (status, booking) = s
        .book(
            slots[0]["start"].as_str().unwrap(),
            None,
            "hook@example.com",
        )
        .await;
    assert_eq!(status, 201, "{booking}");
    let token = booking["manage_token"].as_str().unwrap();
    let (status, _) = json_of(
        s.app
            .post(
                &s.tenant.host,
                &format!("/api/v1/bookings/manage/{token}/reschedule"),
            )
            .json(&json!({ "start": slots[3]["start"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json_of(
        s.app
            .post(
                &s.tenant.host,
                &format!("/api/v1/bookings/manage/{token}/cancel"),
            )
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    // created, rescheduled, cancelled; deliveries run concurrently, so
    // whichever arrived first got the 500 and came again.
    let calls = wait_for_calls(&received, 4).await;
    assert_eq!(calls.len(), 4, "{calls:?}");
    let first = calls[0].0.clone();
    let mut events: Vec<&str> = calls.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        events.iter().filter(|e| **e == first).count(),
        2,
        "the refused one is retried: {events:?}"
    );
    events.sort();
    events.dedup();
    assert_eq!(
        events,
        [
            "booking.cancelled",
            "booking.created",
            "booking.rescheduled"
        ]
    );
    for (event, signature, body) in &calls {
        assert!(
            signature.starts_with("t=") && signature.contains(",v1="),
            "signature of {event}: {signature}"
        );
        assert!(verifies(&secret, signature, body), "signature of {event}");
        let parsed: Value = serde_json::from_str(body).unwrap();
        assert_eq!(parsed["type"], event.as_str());
        assert_eq!(parsed["data"]["id"], booking["id"]);
    }
    // A tampered body would not verify.
    assert!(!verifies(
        &secret,
        &calls[0].1,
        &calls[0].2.replace("booking", "b00king")
    ));
}

#[tokio::test]
async fn webhook_endpoints_are_for_admins_and_validated() {
    let s = salon("UTC", 1).await;
    let (status, body) = json_of(
        s.app
            .post(&s.tenant.host, "/api/v1/webhooks")
            .bearer_auth(&s.token)
            .json(&json!({ "url": "ftp://example.com", "events": ["booking.created"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = json_of(
        s.app
            .post(&s.tenant.host, "/api/v1/webhooks")
            .bearer_auth(&s.token)
            .json(&json!({ "url": "https://example.com/h", "events": ["booking.exploded"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = json_of(
        s.app
            .get(&s.tenant.host, "/api/v1/webhooks")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
}

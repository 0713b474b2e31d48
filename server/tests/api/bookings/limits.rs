//! Anonymous booking is rate-limited per client address and per email or
//! phone, and capped in upcoming bookings per email; staff are not limited.
//! Each test lowers the limits on its own app and tenant.

use serde_json::{json, Value};

use super::{future_date, salon_on, Salon};
use crate::support::*;

fn fresh_ip() -> String {
    let b = uuid::Uuid::new_v4().into_bytes();
    format!("10.{}.{}.{}", b[0], b[1], b[2].max(1))
}

async fn limited_salon(tune: impl FnOnce(&mut kernel::settings::Settings)) -> Salon {
    let app = spawn_app_with(|s| {
        // The test client connects from loopback, acting as a proxy.
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        tune(s);
    })
    .await;
    salon_on(app, provision_tenant("book-rl"), "Europe/Paris", 1).await
}

/// The first `n` free starts `days` from now.
async fn starts(s: &Salon, days: i64, n: usize) -> Vec<String> {
    let slots = s.slots(&future_date(days), None).await;
    slots[..n]
        .iter()
        .map(|slot| slot["start"].as_str().unwrap().to_string())
        .collect()
}

async fn book(
    s: &Salon,
    start: &str,
    ip: &str,
    customer: Value,
    token: Option<&str>,
) -> (reqwest::StatusCode, Option<u64>, Value) {
    let mut req = s
        .app
        .post(&s.tenant.host, "/api/v1/bookings")
        .header("x-forwarded-for", ip)
        .json(&json!({ "service_id": s.service_id, "start": start, "customer": customer }));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    (status, retry, res.json().await.unwrap())
}

fn guest(email: &str) -> Value {
    json!({ "name": "Ada Guest", "email": email })
}

#[tokio::test]
async fn booking_over_the_per_ip_limit_gets_429_with_retry_after() {
    let s = limited_salon(|s| s.booking_rate_limit_per_ip = 2).await;
    let times = starts(&s, 3, 4).await;
    let ip = fresh_ip();
    let mut statuses = Vec::new();
    for (i, start) in times[..3].iter().enumerate() {
        let email = unique_email(&format!("ip{i}"));
        let (status, retry, body) = book(&s, start, &ip, guest(&email), None).await;
        statuses.push(status.as_u16());
        if status == 429 {
            assert_eq!(body["code"], "rate_limited", "{body}");
            let retry = retry.expect("Retry-After");
            assert!((1..=3600).contains(&retry), "Retry-After {retry}");
        }
    }
    assert_eq!(statuses, [201, 201, 429]);

    // Another address books on.
    let (status, _, body) = book(&s, &times[3], &fresh_ip(), guest(&unique_email("o")), None).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn bookings_per_phone_are_limited_whatever_the_address() {
    let s = limited_salon(|s| s.booking_rate_limit_per_contact = 2).await;
    let times = starts(&s, 4, 3).await;
    let mut statuses = Vec::new();
    // The same number, written differently each time.
    let phones = ["+33 6 12 34 56 78", "+33612345678", "+33 612 345 678"];
    for (i, (start, phone)) in times.iter().zip(phones).enumerate() {
        let customer = json!({
            "name": "Ada Guest",
            "email": unique_email(&format!("ph{i}")),
            "phone": phone,
        });
        let (status, _, _) = book(&s, start, &fresh_ip(), customer, None).await;
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [201, 201, 429]);
}

#[tokio::test]
async fn the_per_email_pending_cap_refuses_the_next_booking() {
    let s = limited_salon(|s| s.booking_max_pending_per_email = 2).await;
    let times = starts(&s, 5, 4).await;
    let email = unique_email("cap");
    for start in &times[..2] {
        let (status, _, body) = book(&s, start, &fresh_ip(), guest(&email), None).await;
        assert_eq!(status, 201, "{body}");
    }
    // From yet another address, and with the address in capitals.
    let (status, _, body) = book(
        &s,
        &times[2],
        &fresh_ip(),
        guest(&email.to_uppercase()),
        None,
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "too_many_pending_bookings", "{body}");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("2 upcoming bookings"));

    let (status, _, body) = book(&s, &times[3], &fresh_ip(), guest(&unique_email("n")), None).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn staff_bookings_are_not_limited() {
    let s = limited_salon(|s| {
        s.booking_rate_limit_per_ip = 1;
        s.booking_rate_limit_per_contact = 1;
        s.booking_max_pending_per_email = 1;
    })
    .await;
    let times = starts(&s, 6, 4).await;
    let ip = fresh_ip();
    let email = unique_email("regular");
    for start in &times[..3] {
        let (status, _, body) = book(&s, start, &ip, guest(&email), Some(&s.token)).await;
        assert_eq!(status, 201, "{body}");
    }
    // The same person booking for themselves is held to the cap.
    let (status, _, body) = book(&s, &times[3], &fresh_ip(), guest(&email), None).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "too_many_pending_bookings", "{body}");
}

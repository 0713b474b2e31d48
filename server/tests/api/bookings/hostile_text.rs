//! A NUL character (`\u0000`) is valid JSON but PostgreSQL cannot store it
//! in text or jsonb: every free-text field refuses it with a field error
//! instead of sending it to the database (which answered 500), and nothing
//! is half-written.

use serde_json::{json, Value};

use super::{assert_refused, salon};
use crate::support::*;

const NUL: &str = "before\u{0}after";

async fn send(req: reqwest::RequestBuilder, body: Value) -> (u16, Value) {
    json_of(req.json(&body).send().await.unwrap()).await
}

#[tokio::test]
async fn booking_notes_with_nul_are_refused() {
    let s = salon("UTC", 1).await;
    let date = super::future_date(12);
    let start = s.slots(&date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let mut body = s.booking_body(&start, None, "nul@example.com");
    body["notes"] = json!(NUL);
    let answer = send(s.app.post(&s.tenant.host, "/api/v1/bookings"), body).await;
    assert_refused(&answer, 422, "validation_failed", Some("notes"));
    assert!(
        s.slots(&date, None)
            .await
            .iter()
            .any(|x| x["start"] == start),
        "the refused booking holds no time"
    );
}

#[tokio::test]
async fn cancel_reasons_with_nul_are_refused() {
    let s = salon("UTC", 1).await;
    let booking = s.book_first(15, "reason@example.com").await;
    let (id, token) = (
        booking["id"].as_str().unwrap(),
        booking["manage_token"].as_str().unwrap(),
    );
    let host = &s.tenant.host;
    let by_link = send(
        s.app
            .post(host, &format!("/api/v1/bookings/manage/{token}/cancel")),
        json!({ "reason": NUL }),
    )
    .await;
    assert_refused(&by_link, 422, "validation_failed", Some("reason"));
    let by_staff = send(
        s.app
            .post(host, &format!("/api/v1/bookings/{id}/status"))
            .bearer_auth(&s.token),
        json!({ "status": "cancelled", "reason": NUL }),
    )
    .await;
    assert_refused(&by_staff, 422, "validation_failed", Some("reason"));
    let (_, view) = json_of(
        s.app
            .get(host, &format!("/api/v1/bookings/manage/{token}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(view["status"], "confirmed", "{view}");
}

#[tokio::test]
async fn hours_with_nul_are_refused() {
    let s = salon("UTC", 1).await;
    let staff = &s.staff_ids[0];
    let host = &s.tenant.host;
    let time_off = send(
        s.app
            .post(host, &format!("/api/v1/staff/{staff}/time-off"))
            .bearer_auth(&s.token),
        json!({ "from": "2030-01-01T09:00:00Z", "to": "2030-01-02T09:00:00Z", "reason": NUL }),
    )
    .await;
    assert_refused(&time_off, 422, "validation_failed", Some("reason"));
    let rules = send(
        s.app
            .put(host, &format!("/api/v1/staff/{staff}/availability"))
            .bearer_auth(&s.token),
        json!({ "rules": [{ "weekday": 0, "start": "09:00\u{0}", "end": "12:00" }] }),
    )
    .await;
    assert_refused(&rules, 422, "validation_failed", Some("rules[0]"));
}

#[tokio::test]
async fn services_and_categories_with_nul_are_refused() {
    let s = salon("UTC", 1).await;
    let host = &s.tenant.host;
    let service = |body: Value| {
        send(
            s.app.post(host, "/api/v1/services").bearer_auth(&s.token),
            body,
        )
    };
    let base = json!({ "name": "Colour", "duration_minutes": 60 });
    for (field, value) in [
        ("name", json!(NUL)),
        ("description", json!(NUL)),
        ("metadata", json!({ "note": NUL })),
        ("metadata", json!({ NUL: "key" })),
        ("metadata", json!({ "deep": [{ "x": NUL }] })),
    ] {
        let mut body = base.clone();
        body[field] = value;
        assert_refused(&service(body).await, 422, "validation_failed", Some(field));
    }
    let path = format!("/api/v1/services/{}", s.service_id);
    for (field, value) in [
        ("name", json!(NUL)),
        ("description", json!(NUL)),
        ("metadata", json!({ "note": NUL })),
    ] {
        let patch = send(
            s.app.patch(host, &path).bearer_auth(&s.token),
            json!({ field: value }),
        )
        .await;
        assert_refused(&patch, 422, "validation_failed", Some(field));
    }
    let category = send(
        s.app
            .post(host, "/api/v1/service-categories")
            .bearer_auth(&s.token),
        json!({ "name": NUL }),
    )
    .await;
    assert_refused(&category, 422, "validation_failed", Some("name"));
    // Only the fixture's service exists: nothing refused was written.
    let (_, list) = json_of(
        s.app
            .get(host, "/api/v1/services")
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["items"][0]["name"], "Haircut");
}

//! Dates and times no calendar holds (far past the year 9999, before 1970,
//! before PostgreSQL's first date) get a 4xx problem naming what to fix:
//! they used to overflow chrono's arithmetic (a panic) or reach the
//! database (a 500).

use serde_json::json;

use super::{assert_refused, salon};
use crate::support::*;

/// Far out: chrono's `+`/`-` of a day around it overflowed.
const FAR_FUTURE: &str = "+262142-12-31T12:00:00Z";
/// Before PostgreSQL's first date (4713 BC): the query failed with a 500.
const FAR_PAST: &str = "-4800-01-01T12:00:00Z";

#[tokio::test]
async fn a_booking_start_outside_the_calendar_is_a_field_error() {
    let s = salon("Europe/Paris", 1).await;
    for start in [FAR_FUTURE, FAR_PAST, "1900-01-01T10:00:00Z"] {
        let answer = s.book(start, None, "far@example.com").await;
        assert_refused(&answer, 422, "validation_failed", Some("start"));
    }
}

#[tokio::test]
async fn availability_outside_the_calendar_is_a_bad_query() {
    let s = salon("America/New_York", 1).await;
    for (from, to) in [
        // `+` in a query is a space: a client sends it as %2B.
        ("%2B262142-12-30", "%2B262142-12-31"),
        ("-4800-01-01", "-4800-01-02"),
        ("1969-12-31", "1970-01-01"),
    ] {
        let path = format!(
            "/api/v1/services/{}/availability?from={from}&to={to}",
            s.service_id
        );
        let answer = json_of(s.app.get(&s.tenant.host, &path).send().await.unwrap()).await;
        assert_refused(&answer, 400, "invalid_query", None);
        let detail = answer.1["detail"].as_str().unwrap();
        assert!(detail.contains("1970-01-01"), "{detail}");
    }
}

#[tokio::test]
async fn the_calendar_outside_the_calendar_is_a_bad_query() {
    let s = salon("Pacific/Kiritimati", 1).await;
    for (from, to) in [
        ("-4800-01-01", "-4800-01-02"),
        ("%2B262142-01-01", "%2B262142-01-02"),
        ("2030-01-01", "%2B262142-12-31"),
        ("0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z"),
    ] {
        let path = format!("/api/v1/bookings?from={from}&to={to}");
        let answer = json_of(
            s.app
                .get(&s.tenant.host, &path)
                .bearer_auth(&s.token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(&answer, 400, "invalid_query", None);
    }
}

#[tokio::test]
async fn rescheduling_outside_the_calendar_is_a_field_error() {
    let s = salon("UTC", 1).await;
    let booking = s.book_first(20, "move-far@example.com").await;
    let (id, token) = (
        booking["id"].as_str().unwrap(),
        booking["manage_token"].as_str().unwrap(),
    );
    let host = &s.tenant.host;
    for start in [FAR_FUTURE, FAR_PAST] {
        let by_staff = json_of(
            s.app
                .post(host, &format!("/api/v1/bookings/{id}/reschedule"))
                .bearer_auth(&s.token)
                .json(&json!({ "start": start }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(&by_staff, 422, "validation_failed", Some("start"));
        let by_link = json_of(
            s.app
                .post(host, &format!("/api/v1/bookings/manage/{token}/reschedule"))
                .json(&json!({ "start": start }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(&by_link, 422, "validation_failed", Some("start"));
    }
    // Nothing moved.
    let (_, view) = json_of(
        s.app
            .get(host, &format!("/api/v1/bookings/manage/{token}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(view["start"], booking["start"], "{view}");
}

#[tokio::test]
async fn an_override_date_outside_the_calendar_is_a_field_error() {
    let s = salon("UTC", 1).await;
    let staff = &s.staff_ids[0];
    for date in ["+262142-01-01", "-4800-01-01", "1969-12-31"] {
        let path = format!("/api/v1/staff/{staff}/overrides/{date}");
        let put = json_of(
            s.app
                .put(&s.tenant.host, &path)
                .bearer_auth(&s.token)
                .json(&json!({ "closed": true }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(&put, 422, "validation_failed", Some("date"));
        let delete = json_of(
            s.app
                .delete(&s.tenant.host, &path)
                .bearer_auth(&s.token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(&delete, 422, "validation_failed", Some("date"));
    }
}

#[tokio::test]
async fn time_off_outside_the_calendar_is_a_field_error() {
    let s = salon("UTC", 1).await;
    let path = format!("/api/v1/staff/{}/time-off", s.staff_ids[0]);
    for (from, to, field) in [
        (FAR_PAST, "2030-01-01T00:00:00Z", "from"),
        ("2030-01-01T00:00:00Z", FAR_FUTURE, "to"),
    ] {
        let answer = json_of(
            s.app
                .post(&s.tenant.host, &path)
                .bearer_auth(&s.token)
                .json(&json!({ "from": from, "to": to }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(&answer, 422, "validation_failed", Some(field));
    }
}

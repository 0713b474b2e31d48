//! Bookings as a client sees them: set-up by staff, slots, and booking.

use serde_json::{json, Value};

use super::{future_date, salon};
use crate::support::*;

#[tokio::test]
async fn slots_follow_the_tenant_time_zone() {
    let s = salon("Europe/Paris", 1).await;
    // 2027-06-01: Paris is UTC+2, so 09:00 local is 07:00Z; 16 half-hour slots.
    let slots = s.slots("2027-06-01", None).await;
    assert_eq!(slots.len(), 16);
    assert_eq!(slots[0]["start"], "2027-06-01T07:00:00Z");
    assert_eq!(slots[0]["end"], "2027-06-01T07:30:00Z");
    assert_eq!(slots[15]["start"], "2027-06-01T14:30:00Z");
}

#[tokio::test]
async fn booking_an_offered_slot_then_it_is_gone() {
    let s = salon("Europe/Paris", 1).await;
    let date = future_date(20);
    let slots = s.slots(&date, None).await;
    let start = slots[2]["start"].as_str().unwrap().to_string();
    let (status, booking) = s.book(&start, None, "ada@example.com").await;
    assert_eq!(status, 201, "{booking}");
    assert_eq!(booking["status"], "confirmed");
    assert_eq!(booking["start"], start);
    assert!(booking["manage_token"].as_str().unwrap().len() > 30);
    let after = s.slots(&date, None).await;
    assert_eq!(after.len(), slots.len() - 1);
    assert!(after.iter().all(|x| x["start"] != start.as_str()));
    // The same time again: taken, 409.
    let (status, body) = s.book(&start, None, "bob@example.com").await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "slot_unavailable");
    // A time the schedule never offers: 422.
    let (status, body) = s
        .book(&format!("{date}T03:10:00Z"), None, "bob@example.com")
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "slot_not_offered");
}

#[tokio::test]
async fn fifty_concurrent_bookings_of_one_slot_give_exactly_one() {
    let s = salon("America/New_York", 1).await;
    let date = future_date(15);
    let start = s.slots(&date, None).await[4]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let client = s.app.client.clone();
        let url = s.app.url("/api/v1/bookings");
        let host = s.tenant.host.clone();
        let body = s.booking_body(&start, None, &format!("racer{i}@example.com"));
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .header("host", host)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 409).count(), 49, "{codes:?}");
    let held = count_bookings(&s.tenant, &start);
    assert_eq!(held, 1);
}

pub fn count_bookings(tenant: &TestTenant, start: &str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM \"{}\".bookings WHERE starts_at = $1::timestamptz",
        tenant.schema
    ))
    .bind::<diesel::sql_types::Text, _>(start)
    .get_result::<Count>(&mut conn)
    .unwrap()
    .n
}

#[tokio::test]
async fn idempotency_key_returns_the_first_answer() {
    let s = salon("UTC", 2).await;
    let date = future_date(10);
    let start = s.slots(&date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let body = s.booking_body(&start, None, "idem@example.com");
    let send = || {
        s.app
            .post(&s.tenant.host, "/api/v1/bookings")
            .header("Idempotency-Key", "key-123")
            .json(&body)
            .send()
    };
    let (s1, b1) = json_of(send().await.unwrap()).await;
    let (s2, b2) = json_of(send().await.unwrap()).await;
    assert_eq!((s1, s2), (201, 201), "{b1} {b2}");
    assert_eq!(b1["id"], b2["id"]);
    // Two staff members: without the key a second booking would have succeeded.
    assert_eq!(count_bookings(&s.tenant, &start), 1);
}

#[tokio::test]
async fn slots_are_exact_across_daylight_saving_days() {
    let paris = salon("Europe/Paris", 1).await;
    // Last Sunday of March 2027: 09:00 local is 08:00Z the day before, 07:00Z on the day.
    assert_eq!(
        paris.slots("2027-03-27", None).await[0]["start"],
        "2027-03-27T08:00:00Z"
    );
    assert_eq!(
        paris.slots("2027-03-28", None).await[0]["start"],
        "2027-03-28T07:00:00Z"
    );
    assert_eq!(
        paris.slots("2027-10-31", None).await[0]["start"],
        "2027-10-31T08:00:00Z"
    );
    let new_york = salon("America/New_York", 1).await;
    assert_eq!(
        new_york.slots("2027-03-13", None).await[0]["start"],
        "2027-03-13T14:00:00Z"
    );
    assert_eq!(
        new_york.slots("2027-03-14", None).await[0]["start"],
        "2027-03-14T13:00:00Z"
    );
    assert_eq!(
        new_york.slots("2027-11-07", None).await[0]["start"],
        "2027-11-07T14:00:00Z"
    );
    let casablanca = salon("Africa/Casablanca", 1).await;
    // UTC+1 most of the year, UTC+0 in the weeks around Ramadan.
    assert_eq!(
        casablanca.slots("2027-01-15", None).await[0]["start"],
        "2027-01-15T08:00:00Z"
    );
    assert_eq!(
        casablanca.slots("2027-02-20", None).await[0]["start"],
        "2027-02-20T09:00:00Z"
    );
    for day in ["2027-03-28", "2027-03-14", "2027-11-07"] {
        let slots = paris.slots(day, None).await;
        assert_eq!(slots.len(), 16, "{day}: 8 working hours, 30-minute slots");
    }
}

#[tokio::test]
async fn a_schedule_change_shows_in_availability_at_once() {
    let s = salon("UTC", 1).await;
    let date = future_date(21);
    assert_eq!(
        s.slots(&date, None).await[0]["start"],
        format!("{date}T09:00:00Z")
    );
    // Availability is served from a cache now; changing the hours must drop it.
    let rules: Vec<Value> = (0..7)
        .map(|d| json!({"weekday": d, "start": "13:00", "end": "14:00"}))
        .collect();
    let (status, body) = json_of(
        s.app
            .put(
                &s.tenant.host,
                &format!("/api/v1/staff/{}/availability", s.staff_ids[0]),
            )
            .bearer_auth(&s.token)
            .json(&json!({ "rules": rules }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let slots = s.slots(&date, None).await;
    assert_eq!(slots.len(), 2);
    assert_eq!(slots[0]["start"], format!("{date}T13:00:00Z"));
    // So must a deactivated service.
    let (status, _) = json_of(
        s.app
            .patch(
                &s.tenant.host,
                &format!("/api/v1/services/{}", s.service_id),
            )
            .bearer_auth(&s.token)
            .json(&json!({ "active": false }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let path = format!(
        "/api/v1/services/{}/availability?from={date}&to={date}",
        s.service_id
    );
    let (status, body) = json_of(s.app.get(&s.tenant.host, &path).send().await.unwrap()).await;
    assert_eq!(status, 404, "{body}");
}

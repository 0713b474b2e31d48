//! Changing bookings: the customer's manage link, staff status changes and
//! the calendar.

use serde_json::json;

use super::{future_date, salon};
use crate::support::*;

#[tokio::test]
async fn manage_link_reschedules_then_cancels() {
    let s = salon("Europe/Paris", 1).await;
    let date = future_date(30);
    let slots = s.slots(&date, None).await;
    let (first, second) = (
        slots[0]["start"].as_str().unwrap(),
        slots[5]["start"].as_str().unwrap(),
    );
    let (status, booking) = s.book(first, None, "manage@example.com").await;
    assert_eq!(status, 201, "{booking}");
    let token = booking["manage_token"].as_str().unwrap();
    let host = &s.tenant.host;

    let (status, view) = json_of(
        s.app
            .get(host, &format!("/api/v1/bookings/manage/{token}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["service"], "Haircut");
    assert_eq!(view["can_change"], true);

    let (status, moved) = json_of(
        s.app
            .post(host, &format!("/api/v1/bookings/manage/{token}/reschedule"))
            .json(&json!({ "start": second }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        moved["id"], booking["id"],
        "a rescheduled booking keeps its id"
    );
    assert_eq!(moved["start"], second);
    // The old time is free again, the new one is held.
    let after = s.slots(&date, None).await;
    assert!(after.iter().any(|x| x["start"] == first));
    assert!(after.iter().all(|x| x["start"] != second));

    let (status, cancelled) = json_of(
        s.app
            .post(host, &format!("/api/v1/bookings/manage/{token}/cancel"))
            .json(&json!({ "reason": "ill" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    // A cancelled booking's link no longer reschedules.
    let (status, body) = json_of(
        s.app
            .post(host, &format!("/api/v1/bookings/manage/{token}/reschedule"))
            .json(&json!({ "start": first }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "booking_not_active");

    // History keeps every change; staff see it.
    let (status, full) = json_of(
        s.app
            .get(
                host,
                &format!("/api/v1/bookings/{}", booking["id"].as_str().unwrap()),
            )
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{full}");
    let history = full["history"].as_array().unwrap();
    assert_eq!(history.len(), 3, "{full}");
    assert_eq!(history[2]["to_status"], "cancelled");
    assert_eq!(history[2]["reason"], "ill");
    assert_eq!(full["sequence"], 2);
}

#[tokio::test]
async fn manage_link_refuses_inside_the_notice_window() {
    let s = salon("UTC", 1).await;
    // A week's notice for changes; the booking is in three days.
    let (status, body) = json_of(
        s.app
            .put(&s.tenant.host, "/api/v1/booking-settings")
            .bearer_auth(&s.token)
            .json(&json!({ "cancellation_notice_minutes": 7 * 1440 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let date = future_date(3);
    let start = s.slots(&date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, booking) = s.book(&start, None, "late@example.com").await;
    let token = booking["manage_token"].as_str().unwrap();
    let (status, body) = json_of(
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
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "too_late_to_change");
    assert!(
        body["detail"].as_str().unwrap().contains("7 day(s)"),
        "{body}"
    );
    let (status, _) = json_of(
        s.app
            .get(&s.tenant.host, "/api/v1/bookings/manage/not-a-real-token")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn staff_transitions_follow_the_rules_and_the_calendar_filters() {
    let s = salon("UTC", 2).await;
    let date = future_date(12);
    let slots = s.slots(&date, Some(&s.staff_ids[0])).await;
    let (_, a) = s
        .book(
            slots[0]["start"].as_str().unwrap(),
            Some(&s.staff_ids[0]),
            "a@example.com",
        )
        .await;
    let (_, b) = s
        .book(
            slots[1]["start"].as_str().unwrap(),
            Some(&s.staff_ids[1]),
            "b@example.com",
        )
        .await;
    let id = a["id"].as_str().unwrap();
    let set = |status: &'static str| {
        s.app
            .post(&s.tenant.host, &format!("/api/v1/bookings/{id}/status"))
            .bearer_auth(&s.token)
            .json(&json!({ "status": status }))
            .send()
    };
    let (status, body) = json_of(set("completed").await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = json_of(set("confirmed").await.unwrap()).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "invalid_transition");

    let cal = |query: String| {
        s.app
            .get(&s.tenant.host, &format!("/api/v1/bookings?{query}"))
            .bearer_auth(&s.token)
            .send()
    };
    let (status, all) = json_of(cal(format!("from={date}&to={date}")).await.unwrap()).await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let (_, one) = json_of(
        cal(format!("from={date}&to={date}&staff_id={}", s.staff_ids[1]))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(one["items"][0]["id"], b["id"]);
    let (_, done) = json_of(
        cal(format!("from={date}&to={date}&status=completed"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(done["items"].as_array().unwrap().len(), 1);
    let (status, _) = json_of(cal("from=yesterday&to=today".into()).await.unwrap()).await;
    assert_eq!(status, 400);
    // The calendar is for staff only.
    let (status, _) = json_of(
        s.app
            .get(
                &s.tenant.host,
                &format!("/api/v1/bookings?from={date}&to={date}"),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
}

/// A patient checked in at the desk still holds the time: the slot stays
/// taken, and the only way on is to complete the appointment.
#[tokio::test]
async fn an_arrived_booking_keeps_its_slot_and_can_only_be_completed() {
    let s = salon("UTC", 1).await;
    let date = future_date(13);
    let start = s.slots(&date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, booked) = s.book(&start, None, "arrives@example.com").await;
    assert_eq!(status, 201, "{booked}");
    let id = booked["id"].as_str().unwrap();
    let set = |status: &'static str| {
        s.app
            .post(&s.tenant.host, &format!("/api/v1/bookings/{id}/status"))
            .bearer_auth(&s.token)
            .json(&json!({ "status": status }))
            .send()
    };
    let (status, body) = json_of(set("arrived").await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "arrived");
    assert!(
        s.slots(&date, None)
            .await
            .iter()
            .all(|x| x["start"] != start),
        "an arrived booking's slot is not offered again"
    );
    let (status, again) = s.book(&start, None, "second@example.com").await;
    assert_eq!(status, 409, "{again}");
    for refused in ["cancelled", "no_show", "confirmed"] {
        let (status, body) = json_of(set(refused).await.unwrap()).await;
        assert_eq!(status, 409, "{refused}: {body}");
        assert_eq!(body["code"], "invalid_transition");
    }
    let (status, body) = json_of(set("completed").await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "completed");
}

#[tokio::test]
async fn customer_export_lists_bookings_and_erase_removes_their_notes() {
    let s = salon("UTC", 1).await;
    let date = future_date(14);
    let start = s.slots(&date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let mut body = s.booking_body(&start, None, "export@example.com");
    body["notes"] = json!("allergic to lavender");
    let (status, booking) = json_of(
        s.app
            .post(&s.tenant.host, "/api/v1/bookings")
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{booking}");
    let customer = booking["customer_id"].as_str().unwrap();
    let export = |path: String| {
        s.app
            .get(&s.tenant.host, &path)
            .bearer_auth(&s.token)
            .send()
    };
    let (status, doc) = json_of(
        export(format!("/api/v1/customers/{customer}/export"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{doc}");
    assert_eq!(doc["customer"]["email"], "export@example.com");
    assert_eq!(doc["bookings"][0]["id"], booking["id"]);
    assert_eq!(doc["bookings"][0]["service"], "Haircut");
    assert_eq!(doc["bookings"][0]["notes"], "allergic to lavender");

    let (status, _) = json_of(
        s.app
            .post(
                &s.tenant.host,
                &format!("/api/v1/customers/{customer}/erase"),
            )
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (_, doc) = json_of(
        export(format!("/api/v1/customers/{customer}/export"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        doc["bookings"][0]["id"], booking["id"],
        "the booking stays on record"
    );
    assert!(doc["bookings"][0]["notes"].is_null(), "{doc}");
    assert!(doc["customer"]["email"].is_null());
}

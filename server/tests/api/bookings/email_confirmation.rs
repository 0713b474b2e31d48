//! A tenant may require a guest to confirm a booking from its email before
//! it holds the slot: the request holds nothing and gets one mail with a
//! single-use link; confirming books the time if it is still free, with
//! the usual confirmation and reminder. Each test has a private database,
//! so only its own app's workers deliver the mail.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Uuid as SqlUuid};
use serde_json::{json, Value};

use super::{assert_refused, future_date, salon_on, Salon};
use crate::support::*;

const CONFIRM_LINK: &str = "/bookings/confirm";

/// A salon with one staff member, asking guests to confirm (`on`) or not.
async fn salon_in(db: &PrivateDb, on: bool) -> Salon {
    let s = salon_on(db.spawn_app().await, db.provision("confirm"), "UTC", 1).await;
    let (status, body) = json_of(
        s.app
            .patch(&s.tenant.host, "/api/v1/booking-settings")
            .bearer_auth(&s.token)
            .json(&json!({ "require_email_confirmation": on }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["require_email_confirmation"], on, "{body}");
    assert_eq!(body["email_confirmation_minutes"], 30, "{body}");
    s
}

async fn first_start(s: &Salon, date: &str) -> String {
    s.slots(date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn offered(s: &Salon, date: &str, start: &str) -> bool {
    s.slots(date, None)
        .await
        .iter()
        .any(|slot| slot["start"] == start)
}

async fn confirm(s: &Salon, token: &str) -> (u16, Value) {
    json_of(
        s.app
            .post(&s.tenant.host, "/api/v1/bookings/confirm")
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The token of the confirmation link mailed to `to`.
async fn link_token(s: &Salon, to: &str) -> String {
    let mail = s.app.mail.wait_for(to, "Please confirm your booking").await;
    token_in(&mail.data, CONFIRM_LINK)
}

fn count(db: &PrivateDb, sql: &str, id: uuid::Uuid) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(id)
        .get_result::<Count>(&mut db.conn())
        .unwrap()
        .n
}

fn reminders_of(db: &PrivateDb, s: &Salon) -> i64 {
    count(
        db,
        "SELECT count(*) AS n FROM outbox WHERE kind = 'booking_reminder' AND tenant_id = $1",
        s.tenant.id,
    )
}

async fn subjects_to(s: &Salon, to: &str) -> Vec<String> {
    s.app
        .mail
        .all()
        .await
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to))
        .map(|m| decode_qp(&m.data))
        .filter_map(|d| {
            d.lines()
                .find(|l| l.starts_with("Subject:"))
                .map(str::to_string)
        })
        .collect()
}

#[tokio::test]
async fn a_guest_request_holds_nothing_until_its_link_confirms_it() {
    let db = PrivateDb::create();
    let s = salon_in(&db, true).await;
    let date = future_date(20);
    let start = first_start(&s, &date).await;

    let (status, request) = s.book(&start, None, "ann@example.com").await;
    assert_eq!(status, 202, "{request}");
    assert_eq!(request["status"], "awaiting_confirmation", "{request}");
    assert!(offered(&s, &date, &start).await, "a request holds no slot");
    let token = link_token(&s, "ann@example.com").await;
    assert_eq!(reminders_of(&db, &s), 0, "a request gets no reminder");

    let (status, booking) = confirm(&s, &token).await;
    assert_eq!(status, 200, "{booking}");
    assert_eq!(booking["id"], request["id"], "{booking}");
    assert_eq!(booking["status"], "confirmed", "{booking}");
    assert!(
        !offered(&s, &date, &start).await,
        "the booking holds its slot"
    );
    let manage_token = booking["manage_token"].as_str().unwrap();
    let confirmed = s
        .app
        .mail
        .wait_for("ann@example.com", "Booking confirmed")
        .await;
    assert!(
        decode_qp(&confirmed.data).contains(&format!("/booking/{manage_token}")),
        "the confirmation carries the manage link"
    );
    assert_eq!(
        reminders_of(&db, &s),
        1,
        "the booking's reminder is planned"
    );
    let (status, view) = json_of(
        s.app
            .get(
                &s.tenant.host,
                &format!("/api/v1/bookings/manage/{manage_token}"),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["status"], "confirmed");

    // Single use.
    assert_refused(
        &confirm(&s, &token).await,
        404,
        "booking_confirmation_invalid",
        None,
    );
    let subjects = subjects_to(&s, "ann@example.com").await;
    assert_eq!(
        subjects.len(),
        2,
        "one link, one confirmation: {subjects:?}"
    );
}

#[tokio::test]
async fn of_two_requests_for_one_slot_confirmed_at_once_one_books_it_and_one_gets_409() {
    let db = PrivateDb::create();
    let s = salon_in(&db, true).await;
    let date = future_date(21);
    let start = first_start(&s, &date).await;
    for to in ["bea@example.com", "cal@example.com"] {
        let (status, body) = s.book(&start, None, to).await;
        assert_eq!(status, 202, "{body}");
        assert_eq!(body["status"], "awaiting_confirmation", "{body}");
    }
    let bea = link_token(&s, "bea@example.com").await;
    let cal = link_token(&s, "cal@example.com").await;

    let (first, second) = tokio::join!(confirm(&s, &bea), confirm(&s, &cal));
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{first:?} {second:?}");
    let refused = if first.0 == 409 { &first } else { &second };
    assert_refused(refused, 409, "slot_unavailable", None);
    assert!(
        refused.1["detail"]
            .as_str()
            .unwrap()
            .contains("choose another"),
        "{refused:?}"
    );
    assert!(!offered(&s, &date, &start).await);
}

#[tokio::test]
async fn an_expired_link_is_refused_and_old_requests_are_cleaned_up() {
    let db = PrivateDb::create();
    let s = salon_in(&db, true).await;
    let date = future_date(22);
    let start = first_start(&s, &date).await;
    let (status, request) = s.book(&start, None, "dan@example.com").await;
    assert_eq!(status, 202, "{request}");
    let token = link_token(&s, "dan@example.com").await;
    let id: uuid::Uuid = request["id"].as_str().unwrap().parse().unwrap();
    let expire = |age: &str| {
        diesel::sql_query(format!(
            "UPDATE \"{}\".booking_confirmations SET expires_at = now() - interval '{age}' WHERE booking_id = $1",
            s.tenant.schema
        ))
        .bind::<SqlUuid, _>(id)
        .execute(&mut db.conn())
        .unwrap();
    };

    expire("1 minute");
    assert_refused(
        &confirm(&s, &token).await,
        410,
        "booking_confirmation_expired",
        None,
    );
    assert!(offered(&s, &date, &start).await, "nothing was booked");
    assert_refused(
        &confirm(&s, "not-a-token-we-issued").await,
        404,
        "booking_confirmation_invalid",
        None,
    );

    // Long expired, the request goes when the next one is made.
    expire("2 days");
    let bookings_with_id = format!(
        "SELECT count(*) AS n FROM \"{}\".bookings WHERE id = $1",
        s.tenant.schema
    );
    assert_eq!(count(&db, &bookings_with_id, id), 1);
    let (status, body) = s.book(&start, None, "eve@example.com").await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(
        count(&db, &bookings_with_id, id),
        0,
        "the old request is gone"
    );
}

#[tokio::test]
async fn with_the_setting_off_or_for_staff_a_booking_holds_its_slot_at_once() {
    let db = PrivateDb::create();
    let s = salon_on(db.spawn_app().await, db.provision("noconfirm"), "UTC", 1).await;
    let (status, settings) = json_of(
        s.app
            .get(&s.tenant.host, "/api/v1/booking-settings")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(
        settings["require_email_confirmation"], false,
        "off by default"
    );

    let date = future_date(23);
    let start = first_start(&s, &date).await;
    let (status, booking) = s.book(&start, None, "fay@example.com").await;
    assert_eq!(status, 201, "{booking}");
    assert_eq!(booking["status"], "confirmed", "{booking}");
    assert!(!offered(&s, &date, &start).await);
    s.app
        .mail
        .wait_for("fay@example.com", "Booking confirmed")
        .await;

    // On, staff booking for a client are not asked to confirm.
    let (status, body) = json_of(
        s.app
            .patch(&s.tenant.host, "/api/v1/booking-settings")
            .bearer_auth(&s.token)
            .json(&json!({ "require_email_confirmation": true }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let start = s.slots(&date, None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, booking) = json_of(
        s.app
            .post(&s.tenant.host, "/api/v1/bookings")
            .bearer_auth(&s.token)
            .json(&s.booking_body(&start, None, "gus@example.com"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{booking}");
    assert_eq!(booking["status"], "confirmed", "{booking}");
    s.app
        .mail
        .wait_for("gus@example.com", "Booking confirmed")
        .await;
}

#[tokio::test]
async fn the_confirmation_window_is_a_checked_setting() {
    let db = PrivateDb::create();
    let s = salon_in(&db, true).await;
    for bad in [0, 4, 1441] {
        let res = json_of(
            s.app
                .patch(&s.tenant.host, "/api/v1/booking-settings")
                .bearer_auth(&s.token)
                .json(&json!({ "email_confirmation_minutes": bad }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_refused(
            &res,
            422,
            "validation_failed",
            Some("email_confirmation_minutes"),
        );
    }
}

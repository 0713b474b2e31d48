//! What booking changes send: the confirmation with its invitation, the
//! staff note, reminders (not for moved or cancelled bookings) and texts.
//! Each test has a private database, so only its own app's workers deliver.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::json;

use super::{future_date, salon_on, Salon};
use crate::support::*;

async fn salon_in(db: &PrivateDb, app: TestApp) -> Salon {
    let tenant = db.provision("mail");
    let s = salon_on(app, tenant, "Europe/Paris", 1).await;
    let (status, body) = json_of(
        s.app
            .patch(&s.tenant.host, &format!("/api/v1/staff/{}", s.staff_ids[0]))
            .bearer_auth(&s.token)
            .json(&json!({ "email": "sam@salon.example.com" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    s
}

/// Makes every planned reminder due now, as if the lead time had passed.
fn reminders_due_now(db: &PrivateDb) {
    diesel::sql_query(
        "UPDATE outbox SET run_at = now() WHERE kind = 'booking_reminder' AND sent_at IS NULL",
    )
    .execute(&mut db.conn())
    .unwrap();
}

/// Mail text with folded header and iCalendar lines joined back up.
fn unfolded(raw: &str) -> String {
    decode_qp(raw).replace("\r\n ", "").replace("\n ", "")
}

async fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.mail
        .all()
        .await
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to))
        .map(|m| decode_qp(&m.data))
        .collect()
}

#[tokio::test]
async fn confirmation_reschedule_and_cancel_mails_carry_one_calendar_event() {
    let db = PrivateDb::create();
    let s = salon_in(&db, db.spawn_app().await).await;
    let date = future_date(40);
    let slots = s.slots(&date, None).await;
    let (status, booking) = s
        .book(slots[0]["start"].as_str().unwrap(), None, "eve@example.com")
        .await;
    assert_eq!(status, 201, "{booking}");
    let token = booking["manage_token"].as_str().unwrap();
    let uid = format!(
        "UID:booking-{}@{}",
        booking["id"].as_str().unwrap(),
        s.tenant.host
    );

    let confirmation = unfolded(
        &s.app
            .mail
            .wait_for("eve@example.com", "Booking confirmed")
            .await
            .data,
    );
    assert!(confirmation.contains(&uid), "{confirmation}");
    assert!(confirmation.contains("METHOD:REQUEST"));
    assert!(confirmation.contains("SEQUENCE:0"));
    assert!(
        confirmation.contains(&format!("/booking/{token}")),
        "{confirmation}"
    );
    assert!(confirmation.contains("Europe/Paris"));
    let note = s
        .app
        .mail
        .wait_for("sam@salon.example.com", "New booking")
        .await;
    assert!(decode_qp(&note.data).contains("Ada Guest"));

    let host = &s.tenant.host;
    let (status, _) = json_of(
        s.app
            .post(host, &format!("/api/v1/bookings/manage/{token}/reschedule"))
            .json(&json!({ "start": slots[2]["start"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let moved = unfolded(
        &s.app
            .mail
            .wait_for("eve@example.com", "Booking moved")
            .await
            .data,
    );
    assert!(
        moved.contains(&uid) && moved.contains("SEQUENCE:1"),
        "{moved}"
    );

    let (status, _) = json_of(
        s.app
            .post(host, &format!("/api/v1/bookings/manage/{token}/cancel"))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let cancelled = unfolded(
        &s.app
            .mail
            .wait_for("eve@example.com", "Booking cancelled")
            .await
            .data,
    );
    assert!(cancelled.contains(&uid), "{cancelled}");
    assert!(
        cancelled.contains("METHOD:CANCEL") && cancelled.contains("SEQUENCE:2"),
        "{cancelled}"
    );
    s.app
        .mail
        .wait_for("sam@salon.example.com", "Booking cancelled")
        .await;
}

/// An app on `db` whose texts go to a stand-in provider, with what it got.
async fn app_with_sms(db: &PrivateDb) -> (TestApp, Arc<Mutex<Vec<(String, String)>>>) {
    let (sms_url, texts) = sms_provider().await;
    let url = db.url.clone();
    let app = spawn_app_with(move |settings| {
        settings.database_url = url;
        settings.sms = Some(notify::sms::SmsSettings {
            base_url: sms_url,
            account_sid: "AC123".into(),
            auth_token: "secret".into(),
            from: "+15550000000".into(),
        });
    })
    .await;
    (app, texts)
}

#[tokio::test]
async fn reminders_go_only_for_bookings_that_still_hold_their_time() {
    let db = PrivateDb::create();
    let (app, texts) = app_with_sms(&db).await;
    let s = salon_in(&db, app).await;
    let date = future_date(25);
    let slots = s.slots(&date, None).await;
    let (_, kept) = s
        .book(
            slots[0]["start"].as_str().unwrap(),
            None,
            "kept@example.com",
        )
        .await;
    let (_, moved) = s
        .book(
            slots[4]["start"].as_str().unwrap(),
            None,
            "moved@example.com",
        )
        .await;
    let (_, gone) = s
        .book(
            slots[8]["start"].as_str().unwrap(),
            None,
            "gone@example.com",
        )
        .await;
    let host = &s.tenant.host;
    let manage = |b: &serde_json::Value, what: &str| {
        format!(
            "/api/v1/bookings/manage/{}/{what}",
            b["manage_token"].as_str().unwrap()
        )
    };
    let (status, _) = json_of(
        s.app
            .post(host, &manage(&moved, "reschedule"))
            .json(&json!({ "start": slots[10]["start"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json_of(
        s.app
            .post(host, &manage(&gone, "cancel"))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    reminders_due_now(&db);
    s.app.mail.wait_for("kept@example.com", "Reminder").await;
    let moved_reminder = decode_qp(
        &s.app
            .mail
            .wait_for("moved@example.com", "Reminder")
            .await
            .data,
    );
    // Give any stale reminder time to (wrongly) arrive before counting.
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let reminders =
        |mails: Vec<String>| mails.into_iter().filter(|m| m.contains("Reminder")).count();
    assert_eq!(
        reminders(mails_to(&s.app, "moved@example.com").await),
        1,
        "one reminder, for the new time"
    );
    assert_eq!(
        reminders(mails_to(&s.app, "gone@example.com").await),
        0,
        "no reminder for a cancelled booking"
    );
    // The moved booking's reminder names its new time (slot 10, 14:00 in Paris in summer/winter alike).
    let new_local = chrono::DateTime::parse_from_rfc3339(slots[10]["start"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%H:%M")
        .to_string();
    assert!(moved_reminder.contains(&new_local), "{moved_reminder}");

    // Texts went to the provider for the two live bookings, with basic auth.
    let deadline = Instant::now() + Duration::from_secs(15);
    while texts.lock().unwrap().len() < 2 {
        assert!(
            Instant::now() < deadline,
            "texts: {:?}",
            texts.lock().unwrap()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let texts = texts.lock().unwrap().clone();
    assert_eq!(texts.len(), 2, "{texts:?}");
    for (who, form) in &texts {
        assert!(who.starts_with("AC123 Basic "), "{who}");
        assert!(
            form.contains("To=+33612345678;") && form.contains("From=+15550000000;"),
            "{form}"
        );
        assert!(form.contains("Body=Reminder: Haircut"), "{form}");
    }
    drop(kept);
}

/// Texts are a plan feature: on a plan without `sms` the reminder's mail
/// goes and its text does not.
#[tokio::test]
async fn a_plan_without_sms_sends_the_reminder_mail_but_no_text() {
    let db = PrivateDb::create();
    let (app, texts) = app_with_sms(&db).await;
    let s = salon_in(&db, app).await;
    // Basic has no `sms`; the plan is read when the reminder falls due.
    diesel::sql_query("UPDATE tenants SET plan_code = 'basic' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(s.tenant.id)
        .execute(&mut db.conn())
        .unwrap();
    let slots = s.slots(&future_date(26), None).await;
    let (status, booked) = s
        .book(
            slots[0]["start"].as_str().unwrap(),
            None,
            "plain@example.com",
        )
        .await;
    assert_eq!(status, 201, "{booked}");
    reminders_due_now(&db);
    s.app.mail.wait_for("plain@example.com", "Reminder").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        texts.lock().unwrap().is_empty(),
        "{:?}",
        texts.lock().unwrap()
    );
}

//! What erasing a customer does to the reminders already queued for them,
//! and what an idempotent booking keeps of its manage token.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::{future_date, salon, salon_on};
use crate::support::*;

#[derive(QueryableByName)]
struct ReminderRow {
    #[diesel(sql_type = Text)]
    payload: String,
    #[diesel(sql_type = Bool)]
    settled: bool,
}

fn reminder_of(conn: &mut PgConnection, booking_id: &str) -> ReminderRow {
    diesel::sql_query(
        "SELECT payload::text AS payload, sent_at IS NOT NULL AS settled FROM outbox \
         WHERE kind = 'booking_reminder' AND payload->>'booking_id' = $1",
    )
    .bind::<Text, _>(booking_id)
    .get_result(conn)
    .unwrap()
}

#[tokio::test]
async fn erase_scrubs_the_queued_reminder_and_it_is_never_sent() {
    let db = PrivateDb::create();
    let s = salon_on(
        db.spawn_app().await,
        db.provision("erase"),
        "Europe/Paris",
        1,
    )
    .await;
    let slots = s.slots(&future_date(30), None).await;
    let (status, erased) = s
        .book(
            slots[0]["start"].as_str().unwrap(),
            None,
            "erased@example.com",
        )
        .await;
    assert_eq!(status, 201, "{erased}");
    let (status, kept) = s
        .book(
            slots[4]["start"].as_str().unwrap(),
            None,
            "kept@example.com",
        )
        .await;
    assert_eq!(status, 201, "{kept}");
    let erased_id = erased["id"].as_str().unwrap();
    let before = reminder_of(&mut db.conn(), erased_id);
    assert!(
        before.payload.contains("erased@example.com"),
        "{}",
        before.payload
    );

    let (status, body) = json_of(
        s.app
            .post(
                &s.tenant.host,
                &format!(
                    "/api/v1/customers/{}/erase",
                    erased["customer_id"].as_str().unwrap()
                ),
            )
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let after = reminder_of(&mut db.conn(), erased_id);
    assert!(
        after.settled,
        "the erased customer's reminder is still queued"
    );
    for personal in ["erased@example.com", "612345678", "Ada Guest"] {
        assert!(
            !after.payload.contains(personal),
            "{personal}: {}",
            after.payload
        );
    }
    // The other customer's reminder is untouched, and goes out when due.
    assert!(!reminder_of(&mut db.conn(), kept["id"].as_str().unwrap()).settled);
    diesel::sql_query(
        "UPDATE outbox SET run_at = now() WHERE kind = 'booking_reminder' AND sent_at IS NULL",
    )
    .execute(&mut db.conn())
    .unwrap();
    s.app.mail.wait_for("kept@example.com", "Reminder").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let reminded_erased = s
        .app
        .mail
        .all()
        .await
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == "erased@example.com"))
        .any(|m| decode_qp(&m.data).contains("Reminder"));
    assert!(!reminded_erased, "a reminder went to an erased customer");
}

#[tokio::test]
async fn an_idempotency_record_holds_no_manage_token_and_a_replay_gets_a_working_one() {
    let s = salon("UTC", 1).await;
    let start = s.slots(&future_date(12), None).await[0]["start"]
        .as_str()
        .unwrap()
        .to_string();
    let body = s.booking_body(&start, None, "idem-token@example.com");
    let send = || {
        s.app
            .post(&s.tenant.host, "/api/v1/bookings")
            .header("Idempotency-Key", "token-key")
            .json(&body)
            .send()
    };
    let (status, first) = json_of(send().await.unwrap()).await;
    assert_eq!(status, 201, "{first}");
    let first_token = first["manage_token"].as_str().unwrap().to_string();

    let stored = |schema: &str| -> String {
        #[derive(QueryableByName)]
        struct Body {
            #[diesel(sql_type = Text)]
            body: String,
        }
        let row: Body = diesel::sql_query(format!(
            "SELECT body::text AS body FROM \"{schema}\".idempotency_keys WHERE key = 'token-key'"
        ))
        .get_result(&mut PgConnection::establish(&database_url()).unwrap())
        .unwrap();
        row.body
    };
    let kept = stored(&s.tenant.schema);
    assert!(!kept.contains(&first_token), "{kept}");
    assert!(!kept.contains("manage_token"), "{kept}");

    let (status, replay) = json_of(send().await.unwrap()).await;
    assert_eq!(status, 201, "{replay}");
    assert_eq!(replay["id"], first["id"]);
    let new_token = replay["manage_token"].as_str().unwrap();
    assert_ne!(new_token, first_token);
    assert!(!stored(&s.tenant.schema).contains(new_token));
    let manage = |token: &str| {
        s.app
            .get(&s.tenant.host, &format!("/api/v1/bookings/manage/{token}"))
            .send()
    };
    let (status, shown) = json_of(manage(new_token).await.unwrap()).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["id"], first["id"], "{shown}");
    // The replaced token no longer opens the booking (see idempotency.rs).
    let (status, _) = json_of(manage(&first_token).await.unwrap()).await;
    assert_eq!(status, 404);
}

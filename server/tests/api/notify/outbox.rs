//! The transactional outbox: a job exists only if its transaction committed,
//! several workers deliver each job once, and a failed delivery is retried
//! later with a growing delay.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use kernel::schema::public::outbox as ob;
use notify::mail::{self, Mail};
use notify::outbox::{self, MAX_ATTEMPTS};
use serde_json::json;

use crate::support::*;

fn reset_mail(to: &str) -> Mail {
    Mail::PasswordReset {
        to: to.to_string(),
        name: "Ann".into(),
        site_name: "Outbox Test".into(),
        link: format!("http://x.{BASE_DOMAIN}/reset-password?token=t"),
    }
}

#[derive(Debug, Queryable)]
struct Row {
    attempts: i32,
    last_error: Option<String>,
    sent_at: Option<chrono::DateTime<chrono::Utc>>,
    run_at: chrono::DateTime<chrono::Utc>,
}

fn row(conn: &mut PgConnection, id: i64) -> Row {
    ob::table
        .find(id)
        .select((ob::attempts, ob::last_error, ob::sent_at, ob::run_at))
        .first(conn)
        .unwrap()
}

async fn wait_until(what: &str, secs: u64, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_rolled_back_transaction_leaves_no_job() {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let to = unique_email("rollback");
    let tenant_id = uuid::Uuid::new_v4();
    let _ = conn.transaction::<(), diesel::result::Error, _>(|conn| {
        mail::enqueue(conn, tenant_id, &reset_mail(&to))?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    let jobs: i64 = ob::table
        .filter(ob::tenant_id.eq(tenant_id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(jobs, 0);
}

#[tokio::test]
async fn two_workers_deliver_each_mail_exactly_once() {
    let db = PrivateDb::create();
    let first = db.spawn_app().await;
    let second = db.spawn_app().await;
    let tenant_id = uuid::Uuid::new_v4();
    let recipients: Vec<String> = (0..40).map(|i| unique_email(&format!("once{i}"))).collect();
    let mut conn = db.conn();
    // Committed in small transactions while both workers are draining.
    for chunk in recipients.chunks(5) {
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for to in chunk {
                mail::enqueue(conn, tenant_id, &reset_mail(to))?;
            }
            Ok(())
        })
        .unwrap();
    }
    wait_until("every job sent", 30, || {
        ob::table
            .filter(ob::sent_at.is_null())
            .count()
            .get_result::<i64>(&mut conn)
            .unwrap()
            == 0
    })
    .await;

    let mut delivered: Vec<String> = first
        .mail
        .all()
        .await
        .into_iter()
        .chain(second.mail.all().await)
        .flat_map(|m| m.to)
        .collect();
    delivered.sort();
    let mut expected = recipients.clone();
    expected.sort();
    assert_eq!(delivered, expected, "each mail exactly once");

    let attempts: Vec<i32> = ob::table.select(ob::attempts).load(&mut conn).unwrap();
    assert!(attempts.iter().all(|a| *a == 1), "{attempts:?}");
    // Sent jobs no longer hold their links.
    let payloads: Vec<serde_json::Value> = ob::table.select(ob::payload).load(&mut conn).unwrap();
    assert!(
        payloads.iter().all(|p| p.get("link").is_none()),
        "{payloads:?}"
    );
}

#[tokio::test]
async fn a_failed_delivery_is_retried_later() {
    let db = PrivateDb::create();
    // Nothing listens on this port: every delivery fails to connect.
    let dead_port = free_port();
    let url = db.url.clone();
    let _app = spawn_app_with(move |s| {
        s.database_url = url;
        s.smtp_url = format!("smtp://127.0.0.1:{dead_port}");
    })
    .await;
    let mut conn = db.conn();
    let enqueued_at = chrono::Utc::now();
    let id = conn
        .transaction::<_, diesel::result::Error, _>(|conn| {
            mail::enqueue(
                conn,
                uuid::Uuid::new_v4(),
                &reset_mail(&unique_email("retry")),
            )
        })
        .unwrap();

    wait_until("the first failed attempt", 15, || {
        row(&mut conn, id).attempts >= 1
    })
    .await;
    let after_first = row(&mut conn, id);
    assert_eq!(after_first.attempts, 1, "{after_first:?}");
    assert!(after_first.sent_at.is_none());
    assert!(
        after_first
            .last_error
            .as_deref()
            .unwrap_or("")
            .contains("SMTP"),
        "{after_first:?}"
    );
    // Not retried at once: the next attempt waits (measured from the
    // enqueue, not from now, which a loaded machine may reach late).
    assert!(
        after_first.run_at - enqueued_at > chrono::Duration::seconds(1),
        "{after_first:?}"
    );

    wait_until("the retry", 20, || row(&mut conn, id).attempts >= 2).await;
    let after_second = row(&mut conn, id);
    assert!(after_second.sent_at.is_none());
    // The second wait (4 s) starts after the first one ended.
    assert!(
        after_second.run_at - after_first.run_at > chrono::Duration::seconds(3),
        "the wait grows: {after_first:?} then {after_second:?}"
    );
}

#[tokio::test]
async fn an_unreadable_job_is_given_up_not_retried_forever() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let mut conn = db.conn();
    let bad = outbox::enqueue(
        &mut conn,
        None,
        mail::KIND_EMAIL,
        &json!({ "template": "no_such_template", "to": "x@example.com" }),
    )
    .unwrap();
    let good_to = unique_email("after-bad");
    let good = mail::enqueue(&mut conn, uuid::Uuid::new_v4(), &reset_mail(&good_to)).unwrap();

    wait_until("the bad job settled", 15, || {
        row(&mut conn, bad).attempts >= 1
    })
    .await;
    let settled = row(&mut conn, bad);
    assert_eq!(settled.attempts, MAX_ATTEMPTS, "{settled:?}");
    assert!(settled.sent_at.is_none());
    assert!(settled.last_error.unwrap().starts_with("gave up"));

    // The good one behind it still goes out.
    app.mail.wait_for(&good_to, "reset-password").await;
    wait_until("the good job marked sent", 10, || {
        row(&mut conn, good).sent_at.is_some()
    })
    .await;
}

//! Webhook deliveries run at once, with a cap per tenant: a tenant whose
//! endpoint never answers (a black-holed address) holds a few delivery
//! slots until their timeout, and every other tenant's webhooks and mail go
//! on meanwhile. Each test has a private database, so only its own app's
//! workers deliver.

use std::time::{Duration, Instant};

use kernel::db::with_tenant;
use notify::mail::{self, Mail};
use notify::webhooks::emit;
use serde_json::json;
use tenancy::{SchemaName, Tenant, TenantStatus};

use super::black_hole::BlackHole;
use super::webhook_receiver::Receiver;
use crate::support::*;

const EVENT: &str = "booking.created";

async fn wait_until(what: &str, secs: u64, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An endpoint of `t` at `url`, made through the API.
async fn subscribe(app: &TestApp, t: &TestTenant, url: &str) {
    let (status, body) = json_of(
        app.post(&t.host, "/api/v1/webhooks")
            .bearer_auth(app.owner_token(t))
            .json(&json!({ "url": url, "events": [EVENT] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
}

/// `count` events of `t`, each committed on its own, so they are due one
/// after the other in this order.
fn emit_events(db: &PrivateDb, t: &TestTenant, count: usize) {
    let tenant = Tenant {
        id: t.id,
        slug: t.slug.clone(),
        name: t.slug.clone(),
        schema: SchemaName::parse(&t.schema).unwrap(),
        status: TenantStatus::Active,
        past_due_since: None,
    };
    let mut conn = db.conn();
    for i in 0..count {
        with_tenant(&mut conn, &tenant.schema, |conn| {
            emit(conn, &tenant, EVENT, &json!({ "n": i }))
        })
        .unwrap();
    }
}

#[tokio::test]
async fn a_black_holed_endpoint_of_one_tenant_does_not_hold_up_another() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let a = db.provision("holea");
    let b = db.provision("holeb");
    let hole = BlackHole::start().await;
    let receiver = Receiver::start().await;
    subscribe(&app, &a, &hole.url()).await;
    subscribe(&app, &b, &receiver.url("127.0.0.1")).await;

    // A's events first: taken in order, one at a time, B's would wait for
    // each of A's to time out.
    emit_events(&db, &a, 6);
    emit_events(&db, &b, 1);
    let b_mail = unique_email("holeb");
    mail::enqueue(
        &mut db.conn(),
        b.id,
        &Mail::Plain {
            to: b_mail.clone(),
            subject: "For B".into(),
            text: "Sent while A hangs.".into(),
            calendar: None,
        },
    )
    .unwrap();

    wait_until("B's webhook", 30, || !receiver.calls().is_empty()).await;
    // None of A's deliveries had given up when B's arrived (A's go out
    // with B's, and may reach the hole just after it)...
    let when_b_arrived = hole.counts();
    assert_eq!(
        when_b_arrived.open, when_b_arrived.accepted,
        "B's webhook waited for one of A's to time out: {when_b_arrived:?}"
    );
    // ... and they do hang there.
    wait_until("A's deliveries in the hole", 10, || hole.counts().open >= 1).await;
    app.mail.wait_for(&b_mail, "Sent while A hangs").await;
    let counts = hole.counts();
    assert!(
        counts.open >= 1,
        "A's deliveries should still hang: {counts:?}"
    );
}

#[tokio::test]
async fn no_more_of_one_tenants_deliveries_are_in_flight_than_its_cap() {
    let db = PrivateDb::create();
    let url = db.url.clone();
    let app = spawn_app_with(move |s| {
        s.database_url = url;
        s.outbox_max_in_flight = 16;
        s.outbox_max_in_flight_per_tenant = 3;
    })
    .await;
    let a = db.provision("capa");
    let hole = BlackHole::start().await;
    subscribe(&app, &a, &hole.url()).await;
    emit_events(&db, &a, 8);

    wait_until("3 of A's deliveries hanging at once", 30, || {
        hole.counts().open >= 3
    })
    .await;
    // Slots are free for all 8; the cap keeps the other 5 queued.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let counts = hole.counts();
    assert_eq!(counts.most_at_once, 3, "{counts:?}");
    assert_eq!(counts.open, 3, "{counts:?}");
}

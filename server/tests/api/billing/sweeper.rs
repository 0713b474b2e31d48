//! What time does to subscriptions (billing::sweeper, run by every server
//! once a minute): trial reminders once each, unpaid trials past due from
//! their end, canceled subscriptions suspended when their period ends.
//! Each test has a database of its own: no other test's server sweeps it
//! meanwhile (SKIP LOCKED would let that server, not this test, do a step).

use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Uuid as SqlUuid};

use crate::support::*;

fn exec(db: &PrivateDb, sql: &str, tenant: &TestTenant) {
    diesel::sql_query(sql)
        .bind::<SqlUuid, _>(tenant.id)
        .execute(&mut db.conn())
        .unwrap();
}

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn trial_mails(db: &PrivateDb, tenant: &TestTenant) -> i64 {
    diesel::sql_query(
        "SELECT count(*) AS n FROM outbox WHERE tenant_id = $1 AND kind = 'email' \
         AND payload->>'subject' LIKE 'Your trial for %'",
    )
    .bind::<SqlUuid, _>(tenant.id)
    .get_result::<One>(&mut db.conn())
    .unwrap()
    .n
}

#[derive(QueryableByName)]
struct State {
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Text)]
    tenant_status: String,
    #[diesel(sql_type = Text)]
    past_due_since: String,
}

fn state(db: &PrivateDb, tenant: &TestTenant) -> State {
    diesel::sql_query(
        "SELECT s.status, t.status AS tenant_status, \
         coalesce((s.past_due_since = s.trial_ends_at)::text, 'none') AS past_due_since \
         FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id WHERE t.id = $1",
    )
    .bind::<SqlUuid, _>(tenant.id)
    .get_result(&mut db.conn())
    .unwrap()
}

fn sweep(db: &PrivateDb) {
    billing::sweeper::sweep(&mut db.conn(), Utc::now()).unwrap();
}

#[test]
fn trial_reminders_go_once_each_then_the_unpaid_trial_falls_past_due() {
    let db = PrivateDb::create();
    let tenant = provision_on_plan(
        &mut db.conn(),
        random_slug("trial"),
        unique_email("o"),
        "basic",
    )
    .0;
    sweep(&db);
    assert_eq!(trial_mails(&db, &tenant), 0, "90 days left: nothing yet");

    exec(
        &db,
        "UPDATE subscriptions SET trial_ends_at = now() + interval '5 days', \
          current_period_end = now() + interval '5 days' WHERE tenant_id = $1",
        &tenant,
    );
    sweep(&db);
    sweep(&db);
    assert_eq!(trial_mails(&db, &tenant), 1, "the 7-day reminder, once");

    exec(
        &db,
        "UPDATE subscriptions SET trial_ends_at = now() + interval '20 hours', \
          current_period_end = now() + interval '20 hours' WHERE tenant_id = $1",
        &tenant,
    );
    sweep(&db);
    sweep(&db);
    assert_eq!(trial_mails(&db, &tenant), 2, "the 1-day reminder, once");
    assert_eq!(state(&db, &tenant).status, "trialing");

    exec(
        &db,
        "UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute' \
          WHERE tenant_id = $1",
        &tenant,
    );
    sweep(&db);
    let s = state(&db, &tenant);
    assert_eq!(s.status, "past_due");
    assert_eq!(s.past_due_since, "true", "past due from the trial's end");
    assert_eq!(
        s.tenant_status, "active",
        "read-only comes after the grace, not suspension"
    );
}

#[test]
fn a_canceled_subscription_suspends_its_tenant_when_the_period_ends() {
    let db = PrivateDb::create();
    let tenant = db.provision("cancel");
    exec(
        &db,
        "UPDATE subscriptions SET status = 'canceled', canceled_at = now(), \
          current_period_end = now() + interval '3 days' WHERE tenant_id = $1",
        &tenant,
    );
    sweep(&db);
    assert_eq!(
        state(&db, &tenant).tenant_status,
        "active",
        "paid until the period's end"
    );
    exec(
        &db,
        "UPDATE subscriptions SET current_period_start = now() - interval '1 month', \
          current_period_end = now() - interval '1 second' WHERE tenant_id = $1",
        &tenant,
    );
    sweep(&db);
    assert_eq!(state(&db, &tenant).tenant_status, "suspended");
    let audited: i64 = diesel::sql_query(
        "SELECT count(*) AS n FROM operator_audit WHERE tenant_id = $1 \
         AND action = 'tenant.suspend' AND actor = 'billing'",
    )
    .bind::<SqlUuid, _>(tenant.id)
    .get_result::<One>(&mut db.conn())
    .unwrap()
    .n;
    assert_eq!(audited, 1);
}

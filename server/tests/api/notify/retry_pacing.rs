//! A worker whose deliveries all fail at once (no mail relay, a receiver
//! refusing connections) must not spin: each failed job is due again only
//! after its back-off, and settling it does not make the worker lease again
//! when the last lease left nothing due. Lease statements are counted by a
//! trigger in the test's own database, where only this worker runs.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use kernel::db::DbPool;
use kernel::schema::public::outbox as ob;
use kernel::settings::Settings;
use notify::outbox::{self, Failure, Job};
use notify::runner::{self, JobHandler, Outcome};
use serde_json::json;

use crate::support::*;

const KIND: &str = "test_always_refused";

/// Fails every job at once, as a refused connection does, and notes when.
struct AlwaysRefused {
    calls: Arc<Mutex<Vec<DateTime<Utc>>>>,
}

impl JobHandler for AlwaysRefused {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND]
    }

    fn handle(&self, _db: &DbPool, _job: &Job) -> Outcome {
        self.calls.lock().unwrap().push(Utc::now());
        Err(Failure::Transient("connection refused".into()))
    }
}

/// Counts the statements that lease jobs (zero rows leased included).
fn count_leases(conn: &mut PgConnection) {
    for sql in [
        "CREATE TABLE lease_statements (at timestamptz NOT NULL DEFAULT now())",
        "CREATE FUNCTION count_lease() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             IF current_query() LIKE '%SET lease = $5%' THEN
                 INSERT INTO lease_statements DEFAULT VALUES;
             END IF;
             RETURN NULL;
         END $$",
        "CREATE TRIGGER count_lease AFTER UPDATE ON outbox
         FOR EACH STATEMENT EXECUTE FUNCTION count_lease()",
    ] {
        diesel::sql_query(sql).execute(conn).unwrap();
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn leases(conn: &mut PgConnection) -> i64 {
    diesel::sql_query("SELECT count(*) AS n FROM lease_statements")
        .get_result::<Count>(conn)
        .unwrap()
        .n
}

/// A worker of `KIND` on `db`, with room for every job at once.
fn start_worker(
    db: &PrivateDb,
    poll_ms: u64,
    calls: &Arc<Mutex<Vec<DateTime<Utc>>>>,
) -> Arc<Settings> {
    let mut s = test_settings();
    s.database_url = db.url.clone();
    s.outbox_poll_ms = poll_ms;
    s.outbox_max_in_flight = 16;
    s.outbox_max_in_flight_per_tenant = 16;
    let settings = Arc::new(s);
    let handler = AlwaysRefused {
        calls: calls.clone(),
    };
    runner::spawn("test-refused", &settings, handler);
    settings
}

/// Jobs of `KIND` that have failed `attempts` times and are settled.
fn settled_after(conn: &mut PgConnection, attempts: i32) -> Vec<(i64, DateTime<Utc>)> {
    ob::table
        .filter(ob::kind.eq(KIND))
        .filter(ob::attempts.eq(attempts))
        .filter(ob::lease.is_null())
        .filter(ob::last_error.is_not_null())
        .select((ob::id, ob::run_at))
        .load(conn)
        .unwrap()
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_burst_of_failures_leases_once_and_every_retry_waits_its_back_off() {
    let db = PrivateDb::create();
    let mut conn = db.conn();
    count_leases(&mut conn);
    for n in 0..8 {
        outbox::enqueue(&mut conn, None, KIND, &json!({ "n": n })).unwrap();
    }
    let calls = Arc::new(Mutex::new(Vec::new()));
    // No timed look within the test: only settled jobs could lease again.
    let worker = start_worker(&db, 60_000, &calls);

    wait_until("every job's first failure written back", || {
        settled_after(&mut conn, 1).len() == 8
    })
    .await;
    // A worker that leases on each settled job does so right away; leave
    // it the time to.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let calls = calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 8, "each job tried once");
    assert_eq!(
        leases(&mut conn),
        1,
        "one lease took all eight; their failures lease nothing more"
    );
    let last_call = calls.iter().max().copied().unwrap();
    for (id, run_at) in settled_after(&mut conn, 1) {
        assert!(
            run_at > last_call + chrono::Duration::seconds(1),
            "job {id} is due again only after its back-off: {run_at} (tried at {last_call})"
        );
    }
    drop(worker);
}

#[tokio::test]
async fn a_job_that_keeps_failing_is_retried_with_a_growing_back_off_not_at_once() {
    let db = PrivateDb::create();
    let mut conn = db.conn();
    count_leases(&mut conn);
    outbox::enqueue(&mut conn, None, KIND, &json!({})).unwrap();
    let calls = Arc::new(Mutex::new(Vec::new()));
    let worker = start_worker(&db, 500, &calls);

    wait_until("the second failure written back", || {
        settled_after(&mut conn, 2).len() == 1
    })
    .await;

    let tries = calls.lock().unwrap().clone();
    // A worker that spins makes hundreds of attempts and leases in the
    // two seconds of the first back-off; one that waits makes two, and a
    // lease per poll.
    assert_eq!(tries.len(), 2, "{tries:?}");
    let leased = leases(&mut conn);
    assert!(leased < 50, "{leased} lease statements");
    let (_, run_at) = settled_after(&mut conn, 2)[0];
    assert!(
        run_at > tries[1] + chrono::Duration::seconds(3),
        "after a second failure the wait doubles: due {run_at}, tried at {}",
        tries[1]
    );
    drop(worker);
}

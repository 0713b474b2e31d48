//! Settled outbox jobs (and the addresses in them) are deleted once the
//! retention has passed; queued and recent ones stay.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use kernel::schema::public::outbox as ob;
use notify::outbox::MAX_ATTEMPTS;
use serde_json::json;

use crate::support::*;

#[test]
fn pruning_removes_old_settled_jobs_and_keeps_recent_and_queued_ones() {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    // A kind of its own, so parallel tests' jobs are neither seen nor pruned.
    let kind = format!("prune_test_{}", uuid::Uuid::new_v4().simple());
    let long_ago = Utc::now() - Duration::days(40);
    let recently = Utc::now() - Duration::days(2);
    let mut add = |name: &str, sent: Option<chrono::DateTime<Utc>>, attempts: i32, run_at| {
        diesel::insert_into(ob::table)
            .values((
                ob::kind.eq(&kind),
                ob::payload.eq(json!({ "name": name, "to": "someone@example.com" })),
                ob::sent_at.eq(sent),
                ob::attempts.eq(attempts),
                ob::run_at.eq(run_at),
            ))
            .execute(&mut conn)
            .unwrap();
    };
    add("old sent", Some(long_ago), 1, long_ago);
    add("old given up", None, MAX_ATTEMPTS, long_ago);
    add("recent sent", Some(recently), 1, recently);
    add("recent given up", None, MAX_ATTEMPTS, recently);
    add("old queued", None, 3, long_ago);
    add("due later", None, 0, Utc::now() + Duration::days(90));

    let pruned =
        notify::runner::prune_once(&mut conn, &[kind.as_str()], Duration::days(30)).unwrap();
    assert_eq!(pruned, 2);
    let mut left: Vec<String> = ob::table
        .filter(ob::kind.eq(&kind))
        .select(ob::payload)
        .load::<serde_json::Value>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["due later", "old queued", "recent given up", "recent sent"]
    );
}

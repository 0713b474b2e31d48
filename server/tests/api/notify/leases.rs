//! A worker leases the jobs it takes; one that crashes before it writes a
//! result back leaves them leased. Once the lease ends they are due again
//! and another worker delivers them: at least once, never lost.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use kernel::schema::public::outbox as ob;
use notify::mail::{self, Mail, KIND_EMAIL};
use notify::outbox::{lease_due, Claim};

use crate::support::*;

#[tokio::test]
async fn the_jobs_of_a_worker_that_vanished_are_delivered_once_its_lease_ends() {
    let db = PrivateDb::create();
    let mut conn = db.conn();
    let to = unique_email("lease");
    let id = mail::enqueue(
        &mut conn,
        uuid::Uuid::new_v4(),
        &Mail::Plain {
            to: to.clone(),
            subject: "Leased".into(),
            text: "Delivered after all.".into(),
            calendar: None,
        },
    )
    .unwrap();

    // A worker takes the job and is never heard of again.
    let taken = lease_due(
        &mut conn,
        &Claim {
            kinds: &[KIND_EMAIL],
            max_jobs: 10,
            per_tenant: 10,
            lease: Duration::from_secs(3),
        },
    )
    .unwrap();
    assert_eq!(taken.iter().map(|j| j.id).collect::<Vec<_>>(), [id]);
    let lease = taken[0].lease.expect("a leased job names its lease");
    let (run_at, held_by): (chrono::DateTime<chrono::Utc>, Option<uuid::Uuid>) = ob::table
        .find(id)
        .select((ob::run_at, ob::lease))
        .first(&mut conn)
        .unwrap();
    assert_eq!(held_by, Some(lease));
    assert!(run_at > chrono::Utc::now(), "not due while leased");

    let app = db.spawn_app().await;
    app.mail.wait_for(&to, "Delivered after all").await;

    let deadline = Instant::now() + Duration::from_secs(10);
    type Settled = (
        i32,
        Option<chrono::DateTime<chrono::Utc>>,
        Option<uuid::Uuid>,
    );
    let (attempts, sent_at, held_by) = loop {
        let row: Settled = ob::table
            .find(id)
            .select((ob::attempts, ob::sent_at, ob::lease))
            .first(&mut conn)
            .unwrap();
        if row.1.is_some() || Instant::now() > deadline {
            break row;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(sent_at.is_some(), "marked sent");
    assert_eq!(held_by, None, "the lease is cleared once settled");
    assert_eq!(attempts, 2, "the vanished worker's attempt counts too");
}

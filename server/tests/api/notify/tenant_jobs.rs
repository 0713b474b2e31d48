//! Outbox jobs that touch tenant data. A worker leases jobs of several
//! tenants at once; each job runs bound to its own tenant (`in_job_tenant`:
//! a transaction, or a savepoint, with that tenant's path, put back when
//! the job's work ends), so no job sees another tenant's rows or inherits
//! another job's path.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Text;
use kernel::db::{search_path, DbPool};
use notify::outbox::{self, Failure, Job};
use notify::runner::{connect, drain_once, in_job_tenant, JobHandler, Limits, Outcome, TenantJob};
use serde_json::json;

use crate::support::*;

#[derive(QueryableByName)]
struct NameRow {
    #[diesel(sql_type = Text)]
    name: String,
}

/// What one job saw, from inside its tenant and around it.
#[derive(Debug)]
struct Seen {
    job: i64,
    /// The path of the job's transaction when it started and when it ended:
    /// the connection's default both times, never a tenant's.
    path_before: String,
    path_after: String,
    /// Inside `in_job_tenant`: the path, and the customers the job could read.
    path_inside: String,
    names: Vec<String>,
}

/// Records what each job of its (test-only) kind sees.
struct Recorder {
    kinds: &'static [&'static str],
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl JobHandler for Recorder {
    fn kinds(&self) -> &'static [&'static str] {
        self.kinds
    }

    fn handle(&self, db: &DbPool, job: &Job) -> Outcome {
        let mut conn = connect(db)?;
        conn.transaction(|conn| self.record(conn, job))
    }
}

impl Recorder {
    fn record(&self, conn: &mut PgConnection, job: &Job) -> Outcome {
        let path_before = search_path(conn)?;
        let inside = in_job_tenant(conn, job, |conn| {
            let names = diesel::sql_query("SELECT name FROM customers ORDER BY name")
                .load::<NameRow>(conn)?
                .into_iter()
                .map(|r| r.name)
                .collect();
            Ok((search_path(conn)?, names))
        })?;
        let TenantJob::Done((path_inside, names)) = inside else {
            return Err(Failure::Permanent("the job's tenant was skipped".into()));
        };
        let path_after = search_path(conn)?;
        self.seen.lock().unwrap().push(Seen {
            job: job.id,
            path_before,
            path_after,
            path_inside,
            names,
        });
        Ok(job.payload.clone())
    }
}

/// The one customer each tenant has, named after it.
fn marker(tenant: &TestTenant) -> String {
    format!("only in {}", tenant.slug)
}

#[test]
fn one_lease_of_two_tenants_runs_each_job_on_its_own_tenant() {
    let a = provision_tenant("joba");
    let b = provision_tenant("jobb");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    for tenant in [&a, &b] {
        diesel::sql_query(format!(
            "INSERT INTO \"{}\".customers (id, name) VALUES (gen_random_uuid(), $1)",
            tenant.schema
        ))
        .bind::<Text, _>(marker(tenant))
        .execute(&mut conn)
        .unwrap();
    }

    // A kind of this test's own: the workers of the other tests' apps, on
    // the same outbox, never claim these jobs.
    let kind: &'static str =
        Box::leak(format!("test-tenant-jobs-{}", uuid::Uuid::new_v4().simple()).into_boxed_str());
    let kinds: &'static [&'static str] = Box::leak(Box::new([kind]));
    // Interleaved, each in its own transaction, so each is due a little
    // later than the one before.
    let order = [&a, &b, &a, &b];
    let ids: Vec<i64> = order
        .iter()
        .map(|t| outbox::enqueue(&mut conn, Some(t.id), kind, &json!({})).unwrap())
        .collect();

    let default_path = search_path(&mut conn).unwrap();
    let recorder = Recorder {
        kinds,
        seen: Arc::default(),
    };
    let pool: DbPool = kernel::db::build_pool(&database_url(), 2).unwrap();
    let limits = Limits {
        max_in_flight: 10,
        per_tenant: 2,
        lease: Duration::from_secs(60),
    };
    let drained = drain_once(&pool, &recorder, &limits).unwrap();
    assert_eq!(
        (drained.claimed, drained.failed),
        (4, 0),
        "one lease with every job, none failed"
    );

    let seen = recorder.seen.lock().unwrap();
    let handled: Vec<i64> = seen.iter().map(|s| s.job).collect();
    assert_eq!(handled, ids, "every job ran, in the order enqueued");
    for (i, (s, own)) in seen.iter().zip(order).enumerate() {
        let other = if own.id == a.id { &b } else { &a };
        assert_eq!(
            s.names,
            vec![marker(own)],
            "job {i} of {} saw these customers",
            own.slug
        );
        assert!(
            s.path_inside.contains(&own.schema) && !s.path_inside.contains(&other.schema),
            "job {i} of {} ran on path {:?}",
            own.slug,
            s.path_inside
        );
        // A path the job's savepoint did not put back would show here:
        // released savepoints keep a SET LOCAL, only the transaction's end
        // would clear it.
        assert_eq!(s.path_before, default_path, "path when job {i} started");
        assert_eq!(s.path_after, default_path, "path when job {i} ended");
    }
    drop(seen);
    assert_eq!(search_path(&mut conn).unwrap(), default_path);

    use kernel::schema::public::outbox as ob;
    let unsent: i64 = ob::table
        .filter(ob::id.eq_any(&ids))
        .filter(ob::sent_at.is_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(unsent, 0, "every job of the lease is marked sent");
}

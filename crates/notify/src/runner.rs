//! Outbox workers: each drains the jobs of some kinds with a handler.
//!
//! A worker leases due jobs in a short transaction (`outbox::lease_due`),
//! runs them at once on its delivery threads, and writes each result back
//! in a transaction of its own: sent, retried later, or given up. Nothing
//! stays locked while a job is delivered, so a receiver that never answers
//! holds one delivery slot until its timeout, not the queue. One tenant
//! never has more than its cap of jobs in flight, over every server, so it
//! cannot take every slot either. A worker that crashes mid-delivery leaves
//! its jobs leased; they are due again once the lease ends (at least once,
//! never lost).
//!
//! A worker leases on a timer (the poll interval, or sooner when it saw a
//! job falling due before then), and when a slot frees up while due jobs
//! were left behind; not merely because a job settled. A job that failed
//! is due again only after its back-off (`outbox::backoff`), so deliveries
//! that fail at once lease nothing more unless due jobs await a slot.

#[path = "runner_pacing.rs"]
mod pacing;
#[path = "runner_threads.rs"]
mod threads;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use serde_json::Value;

use kernel::db::{with_tenant, DbConn, DbPool};
use kernel::schema::public::tenants;
use kernel::settings::Settings;
use kernel::values::SchemaName;
use tenancy::TenantStatus;

use super::outbox::{self, Claim, Failure, Job};

/// What a handler did with a job: delivered (keep this payload, with any
/// secrets removed), or failed.
pub type Outcome = Result<Value, Failure>;

pub trait JobHandler: Send + Sync + 'static {
    fn kinds(&self) -> &'static [&'static str];
    /// Runs on a delivery thread, with no transaction open and no
    /// connection held: take one from `db` (`connect`) for each short piece
    /// of database work and give it back before any network call, so that a
    /// slow receiver never holds a connection. Work on a tenant's data goes
    /// through `in_job_tenant`.
    fn handle(&self, db: &DbPool, job: &Job) -> Outcome;
}

/// How much a worker runs at once, and how long it holds a job.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_in_flight: usize,
    pub per_tenant: usize,
    pub lease: Duration,
}

impl Limits {
    pub fn from_settings(settings: &Settings) -> Self {
        Limits {
            max_in_flight: settings.outbox_max_in_flight.max(1),
            per_tenant: settings.outbox_max_in_flight_per_tenant.max(1),
            lease: Duration::from_secs(settings.outbox_lease_secs.max(1)),
        }
    }

    fn claim<'a>(&self, kinds: &'a [&'a str], max_jobs: usize) -> Claim<'a> {
        Claim {
            kinds,
            max_jobs,
            per_tenant: self.per_tenant,
            lease: self.lease,
        }
    }
}

/// A connection for a handler's database work; none free is worth a retry.
pub fn connect(db: &DbPool) -> Result<DbConn, Failure> {
    db.get()
        .map_err(|e| Failure::Transient(format!("database: {e}")))
}

/// What became of a job that needed its tenant.
pub enum TenantJob<T> {
    Done(T),
    /// The tenant is suspended or deleted: the job is dropped, with this reason.
    Skipped(String),
}

/// Runs `f` bound to the job's tenant: a transaction with that tenant's
/// path (a savepoint, the path put back when `f` ends, inside a
/// transaction the handler opened). A tenant that no longer serves gets no
/// work.
pub fn in_job_tenant<T>(
    conn: &mut PgConnection,
    job: &Job,
    f: impl FnOnce(&mut PgConnection) -> Result<T, Failure>,
) -> Result<TenantJob<T>, Failure> {
    let tenant_id = job
        .tenant_id
        .ok_or_else(|| Failure::Permanent(format!("a {} job without a tenant", job.kind)))?;
    let (schema, status): (String, TenantStatus) = tenants::table
        .find(tenant_id)
        .select((tenants::schema_name, tenants::status))
        .first(conn)?;
    if status != TenantStatus::Active {
        return Ok(TenantJob::Skipped(format!("tenant is {status}")));
    }
    let schema = SchemaName::parse(&schema).map_err(Failure::Permanent)?;
    with_tenant(conn, &schema, |conn| f(conn).map(TenantJob::Done))
}

/// A payload the handler cannot read will not read better later.
pub fn unreadable(e: serde_json::Error) -> Failure {
    Failure::Permanent(format!("unreadable job payload: {e}"))
}

/// Starts a worker; it ends once `settings` (the application's) is dropped.
/// It has connections of its own, so background work never waits for, or
/// holds up, the connections requests use.
pub fn spawn<H: JobHandler>(name: &str, settings: &Arc<Settings>, handler: H) {
    threads::spawn(name, settings, handler);
}

/// Deletes this worker's sent and given-up jobs older than `retention`, in
/// small batches: their addresses and payloads are not kept forever.
pub fn prune_once(
    conn: &mut PgConnection,
    kinds: &[&str],
    retention: chrono::Duration,
) -> QueryResult<usize> {
    threads::prune_once(conn, kinds, retention)
}

/// How a round went.
pub struct Drained {
    pub claimed: usize,
    pub failed: usize,
}

/// One round on the calling thread: leases what is due (as a worker with
/// `limits` would) and runs those jobs one after another. For tools and
/// tests; workers run their jobs at once.
pub fn drain_once<H: JobHandler>(
    db: &DbPool,
    handler: &H,
    limits: &Limits,
) -> QueryResult<Drained> {
    let mut conn = db
        .get()
        .map_err(|e| diesel::result::Error::QueryBuilderError(Box::new(e)))?;
    let jobs = outbox::lease_due(
        &mut conn,
        &limits.claim(handler.kinds(), limits.max_in_flight),
    )?;
    drop(conn);
    let failed = jobs.iter().filter(|job| !run_job(db, handler, job)).count();
    Ok(Drained {
        claimed: jobs.len(),
        failed,
    })
}

/// Runs one leased job and writes its result back; true when it went out.
/// A handler that panics fails the job (to be retried), not the worker.
fn run_job<H: JobHandler>(db: &DbPool, handler: &H, job: &Job) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| handler.handle(db, job)))
        .unwrap_or_else(|_| Err(Failure::Transient("the job's handler panicked".into())));
    match &outcome {
        Ok(_) => {
            tracing::info!(job = job.id, kind = %job.kind, tenant = ?job.tenant_id, "job done")
        }
        Err(failure) => {
            tracing::warn!(job = job.id, kind = %job.kind, tenant = ?job.tenant_id, attempt = job.attempts + 1, failure = ?failure, "job failed")
        }
    }
    let settled = connect(db)
        .map_err(|f| format!("{f:?}"))
        .and_then(|mut conn| {
            match &outcome {
                Ok(kept) => outbox::mark_sent(&mut conn, job, kept),
                Err(failure) => outbox::mark_failed(&mut conn, job, failure),
            }
            .map_err(|e| e.to_string())
        });
    match settled {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            job = job.id,
            kind = %job.kind,
            "meanwhile the job was settled elsewhere (erasure) or taken over once its lease ended; this result is dropped"
        ),
        Err(e) => tracing::warn!(
            job = job.id,
            kind = %job.kind,
            error = %e,
            "cannot write the job's result; it is due again when its lease ends"
        ),
    }
    outcome.is_ok()
}

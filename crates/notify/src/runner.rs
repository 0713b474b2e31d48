//! A worker thread that drains outbox jobs of some kinds with a handler.
//! Each batch is claimed and settled in one transaction with `FOR UPDATE
//! SKIP LOCKED`: several servers never work on one job at once, and a crash
//! before commit means the job runs again (at least once, never lost).

use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::Value;

use kernel::db::{with_tenant, DbPool};
use kernel::schema::public::tenants;
use kernel::settings::Settings;
use kernel::values::SchemaName;
use tenancy::TenantStatus;

use super::outbox::{self, Failure, Job};

const BATCH: i64 = 10;
/// Settled jobs are pruned at most this often by each worker (its own kinds).
const PRUNE_EVERY: Duration = Duration::from_secs(300);
/// Small deletes, so pruning a large backlog never holds locks for long.
const PRUNE_BATCH: i64 = 500;
/// At most this many batches per round; the rest waits for the next round.
const PRUNE_ROUNDS: usize = 20;

/// What a handler did with a job: delivered (keep this payload, with any
/// secrets removed), or failed.
pub type Outcome = Result<Value, Failure>;

pub trait JobHandler: Send + 'static {
    fn kinds(&self) -> &'static [&'static str];
    /// Runs inside the claim transaction: a handler may write more jobs to
    /// the outbox with the same connection, committed with the claim. Work
    /// on a tenant's data goes through `in_job_tenant`, never on the claim's
    /// own path, so no job runs on another job's tenant.
    fn handle(&self, conn: &mut PgConnection, job: &Job) -> Outcome;
}

/// What became of a job that needed its tenant.
pub enum TenantJob<T> {
    Done(T),
    /// The tenant is suspended or deleted: the job is dropped, with this reason.
    Skipped(String),
}

/// Runs `f` bound to the job's tenant (a savepoint with that tenant's path,
/// put back when `f` ends). A tenant that no longer serves gets no work.
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

/// Starts a worker thread; it ends once `settings` (the application's) is
/// dropped. It has a connection of its own, so background work never waits
/// for, or holds up, the connections requests use.
pub fn spawn<H: JobHandler>(name: &str, settings: &Arc<Settings>, handler: H) {
    let poll = Duration::from_millis(settings.outbox_poll_ms.max(10));
    let retention = chrono::Duration::days(i64::from(settings.outbox_retention_days));
    let alive = Arc::downgrade(settings);
    let pool = kernel::db::build_pool_lazy(&settings.database_url, 1);
    let spawned = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || run(alive, pool, handler, poll, retention));
    if let Err(e) = spawned {
        tracing::error!(worker = name, error = %e, "cannot start an outbox worker; its jobs stay queued");
    }
}

fn run<H: JobHandler>(
    alive: Weak<Settings>,
    pool: DbPool,
    handler: H,
    poll: Duration,
    retention: chrono::Duration,
) {
    let mut last_prune: Option<Instant> = None;
    while alive.strong_count() > 0 {
        if last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
            last_prune = Some(Instant::now());
            let pruned = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
                prune_once(&mut conn, handler.kinds(), retention).map_err(|e| e.to_string())
            });
            match pruned {
                Ok(0) => {}
                Ok(n) => tracing::info!(pruned = n, "outbox: deleted settled jobs past retention"),
                Err(e) => tracing::warn!(error = %e, "outbox pruning failed; will retry"),
            }
        }
        let drained = pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| drain_once(&mut conn, &handler).map_err(|e| e.to_string()));
        match drained {
            // A full batch that all went out: more may be due, go on at once.
            // After a failure (relay down), wait: retrying at full speed
            // would only burn CPU and database time that requests need.
            Ok(batch) if batch.claimed as i64 == BATCH && batch.failed == 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox worker could not drain; will retry"),
        }
        std::thread::sleep(poll);
    }
}

/// Deletes this worker's sent and given-up jobs older than `retention`, in
/// small batches: their addresses and payloads are not kept forever.
pub fn prune_once(
    conn: &mut PgConnection,
    kinds: &[&str],
    retention: chrono::Duration,
) -> QueryResult<usize> {
    let before = chrono::Utc::now() - retention;
    let mut total = 0;
    for _ in 0..PRUNE_ROUNDS {
        let n = outbox::prune_settled(conn, kinds, before, PRUNE_BATCH)?;
        total += n;
        if (n as i64) < PRUNE_BATCH {
            break;
        }
    }
    Ok(total)
}

/// How a batch went.
pub struct Drained {
    pub claimed: usize,
    pub failed: usize,
}

pub fn drain_once<H: JobHandler>(conn: &mut PgConnection, handler: &H) -> QueryResult<Drained> {
    conn.transaction(|conn| {
        let jobs = outbox::claim_due(conn, handler.kinds(), BATCH)?;
        let mut failed = 0;
        for job in &jobs {
            match handler.handle(conn, job) {
                Ok(kept) => {
                    tracing::info!(job = job.id, kind = %job.kind, tenant = ?job.tenant_id, "job done");
                    outbox::mark_sent(conn, job.id, &kept)?;
                }
                Err(failure) => {
                    failed += 1;
                    tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts + 1, failure = ?failure, "job failed");
                    outbox::mark_failed(conn, job, &failure)?;
                }
            }
        }
        Ok(Drained {
            claimed: jobs.len(),
            failed,
        })
    })
}

//! Leasing due jobs: one short transaction that picks them, fairly between
//! tenants, and marks them taken until the lease ends. Nothing stays locked
//! while they are delivered.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Integer, Nullable, Text};
use uuid::Uuid;

use super::{Job, MAX_ATTEMPTS};

/// What a worker asks for.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub kinds: &'a [&'a str],
    /// At most this many jobs (the worker's free delivery slots).
    pub max_jobs: usize,
    /// No tenant gets more of these kinds in flight than this, counting the
    /// jobs every server holds under a lease that has not ended.
    pub per_tenant: usize,
    /// How long the jobs stay taken unless settled first.
    pub lease: Duration,
}

/// Claims of one set of kinds take turns (this lock, held to the end of the
/// claim's transaction), so that two servers never both see a tenant below
/// its cap and together take it past.
const CLAIM_LOCK_SQL: &str =
    "SELECT pg_advisory_xact_lock(hashtext('notify.outbox.claim'), hashtext($1))";

/// Tenants with due jobs and the room their cap leaves, those with the
/// fewest jobs in flight first (so tenants whose deliveries hang cannot
/// retake every slot that frees up), then the oldest backlog; from each,
/// that many of its oldest due jobs, skipping rows another transaction has
/// locked. The picked jobs get the lease and a run_at at its
/// end. A job whose previous lease ended unsettled counts that lost attempt,
/// so a job that kills its worker every time is given up in the end.
const LEASE_SQL: &str = "
WITH due AS (
    SELECT tenant_id, min(run_at) AS oldest FROM outbox
     WHERE kind = ANY($1) AND sent_at IS NULL AND attempts < $6 AND run_at <= now()
     GROUP BY tenant_id
), in_flight AS (
    SELECT tenant_id, count(*) AS n FROM outbox
     WHERE kind = ANY($1) AND lease IS NOT NULL AND sent_at IS NULL AND run_at > now()
     GROUP BY tenant_id
), room AS (
    SELECT due.tenant_id, due.oldest, $3 - coalesce(in_flight.n, 0) AS free
      FROM due LEFT JOIN in_flight ON in_flight.tenant_id IS NOT DISTINCT FROM due.tenant_id
     WHERE coalesce(in_flight.n, 0) < $3
     ORDER BY coalesce(in_flight.n, 0), due.oldest
     LIMIT $2
), picked AS (
    SELECT job.id FROM room CROSS JOIN LATERAL (
        SELECT o.id FROM outbox o
         WHERE o.kind = ANY($1) AND o.sent_at IS NULL AND o.attempts < $6 AND o.run_at <= now()
           AND o.tenant_id IS NOT DISTINCT FROM room.tenant_id
         ORDER BY o.run_at
         LIMIT room.free
         FOR UPDATE SKIP LOCKED
    ) job
    LIMIT $2
)
UPDATE outbox
   SET lease = $5,
       run_at = now() + make_interval(secs => $4),
       attempts = attempts + (lease IS NOT NULL)::int,
       last_error = CASE WHEN lease IS NOT NULL
                         THEN 'the worker that took this job stopped before it was done'
                         ELSE last_error END
 WHERE id IN (SELECT id FROM picked)
RETURNING id, tenant_id, kind, payload, attempts, lease";

/// The earliest run_at of the jobs of these kinds still to go out, seen from
/// inside the lease's transaction: the jobs just leased are due at their
/// lease's end, so a due one here was left behind.
const NEXT_DUE_SQL: &str = "
SELECT extract(epoch FROM min(run_at) - now())::float8 AS due_in FROM outbox
 WHERE kind = ANY($1) AND sent_at IS NULL AND attempts < $2";

#[derive(QueryableByName)]
struct NextDue {
    #[diesel(sql_type = Nullable<Double>)]
    due_in: Option<f64>,
}

/// What a lease took, and what it saw of the jobs it left.
#[derive(Debug)]
pub struct Leased {
    pub jobs: Vec<Job>,
    /// Due jobs were left behind (no more slots asked for, a tenant at its
    /// cap, a row locked elsewhere): a slot that frees up may take one.
    pub more_due: bool,
    /// How long until the earliest job still to go out is due, when none
    /// is due now (none at all: None). On the database's clock.
    pub next_due_in: Option<Duration>,
}

/// Leases up to `claim.max_jobs` due jobs, in a transaction of its own
/// (committed before this returns). The jobs come in the order they were
/// queued.
pub fn lease_due(conn: &mut PgConnection, claim: &Claim<'_>) -> QueryResult<Vec<Job>> {
    lease_due_and_look_ahead(conn, claim).map(|leased| leased.jobs)
}

/// Like [`lease_due`], and tells when to look again: a worker that knows
/// nothing is left due waits for its timer instead of leasing again each
/// time a job settles.
pub fn lease_due_and_look_ahead(conn: &mut PgConnection, claim: &Claim<'_>) -> QueryResult<Leased> {
    if claim.max_jobs == 0 || claim.kinds.is_empty() {
        return Ok(Leased {
            jobs: Vec::new(),
            more_due: false,
            next_due_in: None,
        });
    }
    let kinds: Vec<String> = claim.kinds.iter().map(|k| k.to_string()).collect();
    let lease = Uuid::new_v4();
    conn.transaction(|conn| {
        diesel::sql_query(CLAIM_LOCK_SQL)
            .bind::<Text, _>(kinds.join(","))
            .execute(conn)?;
        let mut jobs: Vec<Job> = diesel::sql_query(LEASE_SQL)
            .bind::<Array<Text>, _>(&kinds)
            .bind::<BigInt, _>(count(claim.max_jobs))
            .bind::<BigInt, _>(count(claim.per_tenant.max(1)))
            .bind::<Double, _>(claim.lease.as_secs_f64())
            .bind::<diesel::sql_types::Uuid, _>(lease)
            .bind::<Integer, _>(MAX_ATTEMPTS)
            .load(conn)?;
        jobs.sort_by_key(|j| j.id);
        let due_in = diesel::sql_query(NEXT_DUE_SQL)
            .bind::<Array<Text>, _>(&kinds)
            .bind::<Integer, _>(MAX_ATTEMPTS)
            .get_result::<NextDue>(conn)?
            .due_in;
        Ok(Leased {
            jobs,
            more_due: due_in.is_some_and(|secs| secs <= 0.0),
            next_due_in: due_in
                .filter(|secs| *secs > 0.0)
                .map(|secs| Duration::from_secs_f64(secs.min(f64::from(u32::MAX)))),
        })
    })
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

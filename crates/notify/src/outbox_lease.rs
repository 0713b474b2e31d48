//! Leasing due jobs: one short transaction that picks them, fairly between
//! tenants, and marks them taken until the lease ends. Nothing stays locked
//! while they are delivered.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Integer, Text};
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

/// Leases up to `claim.max_jobs` due jobs, in a transaction of its own
/// (committed before this returns). The jobs come in the order they were
/// queued.
pub fn lease_due(conn: &mut PgConnection, claim: &Claim<'_>) -> QueryResult<Vec<Job>> {
    if claim.max_jobs == 0 || claim.kinds.is_empty() {
        return Ok(Vec::new());
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
        Ok(jobs)
    })
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

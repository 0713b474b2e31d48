//! The outbox table: jobs written in the same transaction as the change that
//! asks for them. A worker leases the due jobs it takes in a short
//! transaction (`lease_due`), delivers them with no transaction open, and
//! settles each in a transaction of its own (`mark_sent`, `mark_failed`).
//! A lease that ends unsettled (the worker crashed) makes the job due
//! again: every job is delivered at least once.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Double, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use kernel::db::Kept;
use serde_json::Value;
use uuid::Uuid;

use kernel::schema::public::outbox;

/// After this many failed attempts a job is left alone with its last error.
/// (The partial index outbox_due_idx repeats this number.)
pub const MAX_ATTEMPTS: i32 = 10;
/// The longest wait between two attempts.
const MAX_BACKOFF_SECS: i64 = 3600;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = outbox)]
pub struct Job {
    pub id: i64,
    pub tenant_id: Option<Uuid>,
    pub kind: String,
    pub payload: Value,
    /// Attempts before this one, those of workers that vanished included.
    pub attempts: i32,
    /// The claim that holds the job while a worker delivers it.
    pub lease: Option<Uuid>,
}

/// Adds a job. Call it inside the transaction of the change it belongs to:
/// if that transaction rolls back, the job never existed.
pub fn enqueue(
    conn: &mut PgConnection,
    tenant_id: Option<Uuid>,
    kind: &str,
    payload: &Value,
) -> QueryResult<i64> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::tenant_id.eq(tenant_id),
            outbox::kind.eq(kind),
            outbox::payload.eq(payload),
        ))
        .returning(outbox::id)
        .get_result(conn)
}

/// Adds a job that is not due before `run_at` (reminders).
pub fn enqueue_at(
    conn: &mut PgConnection,
    tenant_id: Option<Uuid>,
    kind: &str,
    payload: &Value,
    run_at: DateTime<Utc>,
) -> QueryResult<i64> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::tenant_id.eq(tenant_id),
            outbox::kind.eq(kind),
            outbox::payload.eq(payload),
            outbox::run_at.eq(run_at),
        ))
        .returning(outbox::id)
        .get_result(conn)
}

/// A job to add, for [`enqueue_all`]: what a change asks for, built
/// before it is written so several go in one statement.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub tenant_id: Option<Uuid>,
    pub kind: &'static str,
    pub payload: Value,
    /// Not due before then; None for due now (the table's default).
    pub run_at: Option<DateTime<Utc>>,
}

/// Adds every job in one statement (one round trip, however many), inside
/// the caller's transaction like [`enqueue`]. Its columns go as arrays, so
/// the statement's text is the same for any number of jobs and is kept
/// prepared (`kernel::db::Kept`).
const ENQUEUE_ALL_SQL: &str = "\
INSERT INTO public.outbox (tenant_id, kind, payload, run_at)
SELECT job.tenant_id, job.kind, job.payload, coalesce(job.run_at, now())
FROM unnest($1, $2, $3, $4) AS job(tenant_id, kind, payload, run_at)";

pub fn enqueue_all(conn: &mut PgConnection, jobs: &[NewJob]) -> QueryResult<usize> {
    if jobs.is_empty() {
        return Ok(0);
    }
    Kept::new(ENQUEUE_ALL_SQL)
        .bind::<Array<Nullable<SqlUuid>>, _>(jobs.iter().map(|j| j.tenant_id).collect::<Vec<_>>())
        .bind::<Array<Text>, _>(jobs.iter().map(|j| j.kind).collect::<Vec<_>>())
        .bind::<Array<Jsonb>, _>(jobs.iter().map(|j| &j.payload).collect::<Vec<_>>())
        .bind::<Array<Nullable<Timestamptz>>, _>(jobs.iter().map(|j| j.run_at).collect::<Vec<_>>())
        .execute(conn)
}

/// Only the worker that holds the job's lease settles it: once a lease has
/// ended and another worker took the job over, the late result of the first
/// is dropped (the job may then go out twice, never zero times).
fn held(job: &Job) -> HeldJob {
    outbox::table
        .find(job.id)
        .filter(outbox::lease.is_not_distinct_from(job.lease))
        .filter(outbox::sent_at.is_null())
}

type HeldJob = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Find<outbox::table, i64>,
        diesel::dsl::IsNotDistinctFrom<outbox::lease, Option<Uuid>>,
    >,
    diesel::dsl::IsNull<outbox::sent_at>,
>;

/// Marks a job delivered and answers whether this worker still held it.
/// `payload` replaces the stored one, so that secrets (links with tokens)
/// do not outlive their delivery.
pub fn mark_sent(conn: &mut PgConnection, job: &Job, payload: &Value) -> QueryResult<bool> {
    diesel::update(held(job))
        .set((
            outbox::sent_at.eq(diesel::dsl::now),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
            outbox::payload.eq(payload),
            outbox::lease.eq(None::<Uuid>),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Deletes up to `batch` settled jobs of these kinds whose retention ended
/// before `before`: sent ones by when they were sent, given-up ones by their
/// last attempt. Queued jobs are never touched. Returns how many went.
pub fn prune_settled(
    conn: &mut PgConnection,
    kinds: &[&str],
    before: DateTime<Utc>,
    batch: i64,
) -> QueryResult<usize> {
    let sent_long_ago = outbox::sent_at.lt(before);
    let given_up_long_ago = outbox::sent_at
        .is_null()
        .and(outbox::attempts.ge(MAX_ATTEMPTS))
        .and(outbox::run_at.lt(before));
    let ids: Vec<i64> = outbox::table
        .filter(outbox::kind.eq_any(kinds))
        .filter(sent_long_ago.or(given_up_long_ago))
        .select(outbox::id)
        .limit(batch)
        .load(conn)?;
    diesel::delete(outbox::table.filter(outbox::id.eq_any(ids))).execute(conn)
}

/// The jobs that are due and waiting for a worker, for the metrics: how
/// many, and how long the longest-waiting one has been due (0 when none).
#[derive(Debug, Clone, Copy, PartialEq, QueryableByName)]
pub struct DueJobs {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
    #[diesel(sql_type = Double)]
    pub oldest_wait_secs: f64,
}

/// Counts the due jobs over the partial index of queued ones (jobs being
/// delivered hold a lease whose run_at is in the future, and are not
/// counted). Ages are taken on the database's clock, the one run_at is
/// written with.
pub fn due_jobs(conn: &mut PgConnection) -> QueryResult<DueJobs> {
    diesel::sql_query(
        "SELECT count(*) AS count, \
                COALESCE(EXTRACT(EPOCH FROM now() - min(run_at)), 0)::float8 AS oldest_wait_secs \
           FROM public.outbox \
          WHERE sent_at IS NULL AND attempts < $1 AND run_at <= now()",
    )
    .bind::<diesel::sql_types::Integer, _>(MAX_ATTEMPTS)
    .get_result(conn)
}

/// What happens to a job whose attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Worth retrying later (SMTP down, timeout).
    Transient(String),
    /// Retrying cannot help (unreadable payload, invalid address).
    Permanent(String),
}

/// A database error inside a job is worth another try.
impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::Transient(format!("database: {e}"))
    }
}

/// Records a failed attempt and answers whether this worker still held the
/// job: transient failures are retried after an exponential backoff until
/// MAX_ATTEMPTS; then, or on a permanent failure, the job stays with its
/// final error for an operator to look at.
pub fn mark_failed(conn: &mut PgConnection, job: &Job, failure: &Failure) -> QueryResult<bool> {
    let attempts = job.attempts.saturating_add(1);
    let (attempts, error) = match failure {
        Failure::Transient(e) if attempts < MAX_ATTEMPTS => (attempts, e.clone()),
        Failure::Transient(e) => (attempts, format!("gave up after {attempts} attempts: {e}")),
        Failure::Permanent(e) => (MAX_ATTEMPTS.max(attempts), format!("gave up: {e}")),
    };
    // The wait starts from the database's clock, the one the lease compares
    // run_at with: a server clock behind it would otherwise make the first
    // retries due at once, and a fast failure would burn every attempt.
    let run_at = diesel::dsl::sql::<Timestamptz>("now() + make_interval(secs => ")
        .bind::<Double, _>(backoff(attempts).num_seconds() as f64)
        .sql(")");
    diesel::update(held(job))
        .set((
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(Some(error)),
            outbox::run_at.eq(run_at),
            outbox::lease.eq(None::<Uuid>),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// How long after its `attempts`th failed attempt a job is due again:
/// 2^attempts seconds, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(0, 12) as u32;
    Duration::seconds(2i64.pow(exponent).min(MAX_BACKOFF_SECS))
}

#[path = "outbox_lease.rs"]
mod lease;
pub use lease::{lease_due, lease_due_and_look_ahead, Claim, Leased};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(2));
        assert_eq!(backoff(2), Duration::seconds(4));
        assert_eq!(backoff(5), Duration::seconds(32));
        assert_eq!(backoff(30), Duration::seconds(3600));
    }
}

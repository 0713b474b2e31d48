//! Connection pool and the two ways to use it: a public-schema connection, or
//! a tenant-bound transaction whose search_path is set for that transaction
//! only.
//!
//! `with_tenant` is the one door into a tenant's schema: nothing else in the
//! workspace sets search_path (requests, the migrator, provisioning and
//! background jobs all go through it).
//!
//! Diesel is synchronous, so every unit of DB work of a request runs on the
//! runtime's blocking pool; `run` and `tenant_tx` do that.

use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{CustomizeConnection, Pool};
use scheduled_thread_pool::ScheduledThreadPool;

use crate::error::{AppError, AppResult};
use crate::values::SchemaName;

pub use kept::{FirstRows, Kept, PerTenant};
pub use lanes::{DbConn, DbPool, PoolError, PoolState};
pub use recycle::{
    served_tenants, Recycling, TenantConnectionManager, RECYCLING, SERVER_BACKEND_MAX_MB,
};

#[path = "db_kept.rs"]
mod kept;
#[path = "db_lanes.rs"]
mod lanes;
#[path = "db_recycle.rs"]
mod recycle;
#[path = "db_statement_tag.rs"]
mod statement_tag;

/// Settings every pooled connection starts with.
#[derive(Debug)]
struct SessionSettings;

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        // PostgreSQL's default random_page_cost (4) prices a page read out
        // of order as a disk seek. The platform's hot rows sit in memory or
        // on SSDs, where such a read costs about as much as the next page:
        // with the default, the planner reads a shop's whole product table
        // rather than the few pages its GIN index points to.
        conn.batch_execute("SET random_page_cost = 1.1")
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

pub fn build_pool(database_url: &str, size: u32) -> Result<DbPool, diesel::r2d2::PoolError> {
    build_pool_recycling(database_url, size, RECYCLING)
}

/// How long work waits for a connection before it fails.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(5);

/// Work waits this long for its tenant's own connection at most (see
/// db_lanes.rs): about the p99 the platform aims at. A busy lane keeps one
/// waiter of its own; work beyond it takes a free lane whose backend has
/// served fewer than 2,000 tenants (about 140 MB of catalogs and plans at
/// most, under the server's 256 MB budget), or any free lane when it is a
/// busy tenant's: over a few hundred tenants every lane serves every
/// tenant, over ten thousand each keeps to its own and to the busy ones.
const WAITS: lanes::Waits = lanes::Waits {
    timeout: CHECKOUT_TIMEOUT,
    overdue: Duration::from_millis(20),
    kept: 1,
    spill_limit: 2_000,
};

/// Connections opened when the pool is built (the rest on first use): the
/// server fails at start-up, not at its first request, when the database
/// cannot be reached.
const OPENED_AT_START: u32 = 4;

/// `build_pool` with connections closed as `recycling` says.
pub fn build_pool_recycling(
    database_url: &str,
    size: u32,
    recycling: Recycling,
) -> Result<DbPool, diesel::r2d2::PoolError> {
    let upkeep = Arc::new(ScheduledThreadPool::new(2));
    let lanes = (0..size.max(1))
        .map(|lane| {
            let builder = lane_builder(&upkeep);
            let manager = TenantConnectionManager::new(database_url, recycling);
            if lane < OPENED_AT_START {
                builder.min_idle(Some(1)).build(manager)
            } else {
                Ok(builder.min_idle(Some(0)).build_unchecked(manager))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DbPool::from_lanes(lanes, WAITS))
}

/// A pool that connects on first use (background workers: start-up must not
/// wait for, or fail on, their connections).
pub fn build_pool_lazy(database_url: &str, size: u32) -> DbPool {
    let upkeep = Arc::new(ScheduledThreadPool::new(1));
    let lanes = (0..size.max(1))
        .map(|_| {
            // A worker's connection may sit idle for hours: it is checked
            // before each use.
            lane_builder(&upkeep)
                .min_idle(Some(0))
                .test_on_check_out(true)
                .build_unchecked(TenantConnectionManager::new(database_url, RECYCLING))
        })
        .collect();
    DbPool::from_lanes(lanes, WAITS)
}

/// One lane: an r2d2 pool of one connection (see db_lanes.rs).
fn lane_builder(
    upkeep: &Arc<ScheduledThreadPool>,
) -> diesel::r2d2::Builder<TenantConnectionManager> {
    Pool::builder()
        .connection_customizer(Box::new(SessionSettings))
        .max_size(1)
        .connection_timeout(CHECKOUT_TIMEOUT)
        // Connections are also recycled by age, as a backstop to their
        // backends' size (see db_recycle.rs).
        .max_lifetime(Some(Duration::from_secs(30 * 60)))
        .test_on_check_out(false)
        .thread_pool(Arc::clone(upkeep))
}

/// Runs `f` with a pooled connection on the blocking pool (public schema).
pub async fn run<T, F>(pool: &DbPool, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    run_as(pool, f).await
}

/// `run` for work that fails with a capability's own error type.
pub async fn run_as<T, E, F>(pool: &DbPool, f: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<AppError> + Send + 'static,
{
    run_on(pool, None, f).await
}

/// `run_as` on the lane of `schema` when it is given (see db_lanes.rs).
async fn run_on<T, E, F>(pool: &DbPool, schema: Option<SchemaName>, f: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<AppError> + Send + 'static,
{
    let pool = pool.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let asked = Instant::now();
        let conn = match &schema {
            Some(schema) => pool.get_for(schema),
            None => pool.get(),
        };
        // Timed out checkouts count too: they are the longest waits.
        crate::metrics::observe_pool_wait(asked.elapsed());
        let mut conn = conn.map_err(AppError::from)?;
        f(&mut conn)
    })
    .await;
    joined.map_err(|e| AppError::internal(format!("blocking task failed: {e}")))?
}

/// Runs `f` in a transaction bound to one tenant's schema, on the blocking pool.
pub async fn tenant_tx<T, F>(pool: &DbPool, schema: &SchemaName, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    tenant_tx_as(pool, schema, f).await
}

/// `tenant_tx` for work that fails with a capability's own error type.
pub async fn tenant_tx_as<T, E, F>(pool: &DbPool, schema: &SchemaName, f: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<AppError> + From<diesel::result::Error> + Send + 'static,
{
    let schema = schema.clone();
    run_on(pool, Some(schema.clone()), move |conn| {
        let began = Instant::now();
        let result = with_tenant(conn, &schema, f);
        crate::metrics::observe_tenant_transaction(began.elapsed());
        result
    })
    .await
}

/// The search_path of a tenant transaction: the tenant's schema, then public
/// (for the platform tables, which are always schema-qualified anyway).
fn tenant_path(schema: &SchemaName) -> String {
    format!("{}, public", schema.quoted())
}

/// Runs `f` with the search_path set to `schema` for the duration of `f`
/// only.
///
/// On a connection outside any transaction this is a transaction whose
/// first statement is `SET LOCAL search_path` (BEGIN and SET LOCAL go in one
/// round trip). Whatever `f` does (error, rollback, panic) the setting cannot
/// outlive the transaction; a panicking thread's connection is also dropped
/// by the pool.
///
/// Inside a transaction already (an outbox worker's claim, which handles
/// jobs of several tenants) it is a savepoint: the path is set for the
/// savepoint and put back as it was before the savepoint is released, so the
/// next job never runs on this tenant's path. On error the rollback to the
/// savepoint undoes the setting too.
///
/// `f` must pass database errors on (`?`). To recover from an expected one
/// (a conflict it will retry), wrap that statement in a nested
/// `conn.transaction(..)`, which is a savepoint: after an error PostgreSQL
/// turns the final COMMIT into a rollback without reporting a failure.
pub fn with_tenant<T, E, F>(conn: &mut PgConnection, schema: &SchemaName, f: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    recycle::record_tenant(conn, schema);
    let _entered = statement_tag::enter(schema);
    if in_transaction(conn) {
        return conn.transaction(|conn| {
            let previous = search_path(conn)?;
            set_local_path(conn, &tenant_path(schema))?;
            let value = f(conn)?;
            set_local_path(conn, &previous)?;
            Ok(value)
        });
    }
    let begin = format!("BEGIN; SET LOCAL search_path TO {}", tenant_path(schema));
    AnsiTransactionManager::begin_transaction_sql(conn, &begin)?;
    match f(conn) {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            // A failed rollback leaves the connection marked broken; r2d2 drops it.
            let _ = AnsiTransactionManager::rollback_transaction(conn);
            Err(e)
        }
    }
}

fn in_transaction(conn: &mut PgConnection) -> bool {
    !matches!(
        AnsiTransactionManager::transaction_manager_status_mut(conn).transaction_depth(),
        Ok(None)
    )
}

#[derive(QueryableByName)]
struct PathRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    path: String,
}

/// The search_path in force on this connection now.
pub fn search_path(conn: &mut PgConnection) -> QueryResult<String> {
    diesel::sql_query("SELECT current_setting('search_path') AS path")
        .get_result::<PathRow>(conn)
        .map(|row| row.path)
}

fn set_local_path(conn: &mut PgConnection, path: &str) -> QueryResult<()> {
    diesel::sql_query("SELECT set_config('search_path', $1, true) AS path")
        .bind::<diesel::sql_types::Text, _>(path)
        .get_result::<PathRow>(conn)
        .map(|_| ())
}

#[cfg(test)]
#[path = "db_test.rs"]
mod tests;

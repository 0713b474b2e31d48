//! Connection pool and the two ways to use it: a public-schema transaction, or
//! a tenant-bound transaction whose search_path is set with SET LOCAL.
//!
//! Diesel is synchronous, so every unit of DB work runs on actix's blocking
//! pool; `run` and `tenant_tx` are the only doors to the database for handlers.

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};

use crate::error::AppResult;
use crate::tenancy::SchemaName;

pub type DbPool = Pool<ConnectionManager<PgConnection>>;
pub type DbConn = PooledConnection<ConnectionManager<PgConnection>>;

pub fn build_pool(database_url: &str, size: u32) -> Result<DbPool, diesel::r2d2::PoolError> {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(size.min(4)))
        .connection_timeout(Duration::from_secs(5))
        // Recycle connections by age so server-side memory (plan caches for
        // many tenant schemas) does not grow without bound.
        .max_lifetime(Some(Duration::from_secs(30 * 60)))
        .test_on_check_out(false)
        .build(ConnectionManager::new(database_url))
}

/// A pool that connects on first use (background workers: start-up must not
/// wait for, or fail on, their connections).
pub fn build_pool_lazy(database_url: &str, size: u32) -> DbPool {
    Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(5))
        .max_lifetime(Some(Duration::from_secs(30 * 60)))
        .build_unchecked(ConnectionManager::new(database_url))
}

/// Runs `f` with a pooled connection on the blocking pool (public schema).
pub async fn run<T, F>(pool: &DbPool, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await?
}

/// Runs `f` in a transaction bound to one tenant's schema, on the blocking pool.
pub async fn tenant_tx<T, F>(pool: &DbPool, schema: &SchemaName, f: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    let schema = schema.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        with_tenant(&mut conn, &schema, f)
    })
    .await?
}

/// A transaction whose first statement sets the search_path for this
/// transaction only. BEGIN and SET LOCAL go in one round trip. Whatever `f`
/// does (error, rollback, panic) the setting cannot outlive the transaction;
/// a panicking thread's connection is also discarded by the pool.
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
    let begin = format!(
        "BEGIN; SET LOCAL search_path TO {}, public",
        schema.quoted()
    );
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

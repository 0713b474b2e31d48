//! Pooled connections are closed once their backend's memory has grown
//! past a budget, looked at each time they have served another hundred
//! distinct tenants.
//!
//! Each PostgreSQL backend caches the catalog entries (relations, indexes,
//! functions) and statement plans of every schema it touches, and keeps
//! them until it exits. A connection rotating over thousands of tenants
//! would grow until the machine swaps. An age limit alone cannot bound
//! that: a busy connection meets a thousand tenants in a minute. A fixed
//! count of tenants cannot either without waste: a tenant whose customer
//! list alone is read costs a backend about 35 kB, one whose whole clinic
//! and shop are used about half a megabyte (measured on PostgreSQL 15), so
//! a count low enough for the second closes connections rotating over a
//! thousand of the first every hundred requests, and every new backend
//! starts with cold caches. So the pool asks the backend itself.
//!
//! The count lives on the connection itself, as its diesel instrumentation
//! (the one slot a `PgConnection` offers for its user's data), so it goes
//! wherever the connection goes and dies with it. `with_tenant`, the one
//! door into a tenant's schema, records each tenant; the pool asks
//! `has_broken` when a connection comes back, and that looks at the
//! backend's memory once another `check_every` tenants were served.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, ManageConnection};

use crate::values::SchemaName;

/// When a pooled connection is closed.
#[derive(Debug, Clone, Copy)]
pub struct Recycling {
    /// The backend's memory is looked at (one query, about a millisecond)
    /// each time the connection has served this many more distinct tenants.
    pub check_every: usize,
    /// The connection is closed once its backend holds more than this.
    pub max_backend_bytes: i64,
}

/// The workers' pools: 64 MB a backend (about 900 tenants' customer lists
/// with their statements, at 71 kB each, or about 120 tenants used through
/// and through), so 64 connections hold 4 GB at most.
pub const RECYCLING: Recycling = Recycling {
    check_every: 100,
    max_backend_bytes: 64 * MB,
};

/// The server's pool unless DATABASE_BACKEND_MAX_MB says otherwise: its
/// lanes keep each tenant to about one backend (db_lanes.rs), so at 10,000
/// tenants each of 4 backends holds a quarter of them, about 180 MB. At
/// 64 MB those backends were closed over and over, and the rotation over
/// 10,000 tenants ran 25% slower (3,300 req/s against 4,300).
pub const SERVER_BACKEND_MAX_MB: u32 = 256;

const MB: i64 = 1024 * 1024;

impl Recycling {
    /// The budget of a backend, in whole MB.
    pub const fn max_backend_mb(&self) -> u32 {
        (self.max_backend_bytes / MB) as u32
    }

    /// The same, with a budget of `mb` MB a backend.
    pub const fn with_max_backend_mb(self, mb: u32) -> Self {
        Recycling {
            max_backend_bytes: mb as i64 * MB,
            ..self
        }
    }
}

/// The tenants a connection has served, as hashes of their schema names
/// (a collision only delays a look), and when to look at its memory next.
#[derive(Default)]
struct ServedTenants {
    schemas: HashSet<u64>,
    /// Look once more than this many were served.
    look_after: usize,
}

impl Instrumentation for ServedTenants {
    fn on_connection_event(&mut self, _event: InstrumentationEvent<'_>) {}
}

/// Records that `conn` enters `schema`. A connection made outside the pool
/// (tests, the CLI) has no record and keeps none.
pub(super) fn record_tenant(conn: &mut PgConnection, schema: &SchemaName) {
    if let Some(served) = conn.instrumentation().downcast_mut::<ServedTenants>() {
        let mut hasher = DefaultHasher::new();
        schema.as_str().hash(&mut hasher);
        served.schemas.insert(hasher.finish());
    }
}

/// How many distinct tenants a pooled connection has served.
pub fn served_tenants(conn: &mut PgConnection) -> usize {
    conn.instrumentation()
        .downcast_mut::<ServedTenants>()
        .map_or(0, |served| served.schemas.len())
}

/// The memory of the connection's backend, in bytes.
#[derive(QueryableByName)]
struct BackendMemory {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    bytes: i64,
}

fn backend_bytes(conn: &mut PgConnection) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT coalesce(sum(total_bytes), 0)::int8 AS bytes FROM pg_backend_memory_contexts",
    )
    .get_result::<BackendMemory>(conn)
    .map(|m| m.bytes)
}

/// diesel's connection manager, plus the count of tenants served.
#[derive(Debug)]
pub struct TenantConnectionManager {
    inner: ConnectionManager<PgConnection>,
    recycling: Recycling,
}

impl TenantConnectionManager {
    pub fn new(database_url: &str, recycling: Recycling) -> Self {
        TenantConnectionManager {
            inner: ConnectionManager::new(database_url),
            recycling,
        }
    }

    /// Whether the backend has outgrown its budget: looked at only once
    /// another `check_every` tenants were served since the last look.
    fn outgrown(&self, conn: &mut PgConnection) -> bool {
        let served = served_tenants(conn);
        let due = conn
            .instrumentation()
            .downcast_mut::<ServedTenants>()
            .is_some_and(|s| served > s.look_after);
        if !due {
            return false;
        }
        match backend_bytes(conn) {
            Ok(bytes) if bytes <= self.recycling.max_backend_bytes => {
                if let Some(s) = conn.instrumentation().downcast_mut::<ServedTenants>() {
                    s.look_after = served + self.recycling.check_every;
                }
                false
            }
            // Too big, or it cannot say: a fresh one is cheap.
            _ => true,
        }
    }
}

impl ManageConnection for TenantConnectionManager {
    type Connection = PgConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<PgConnection, Self::Error> {
        let mut conn = self.inner.connect()?;
        conn.set_instrumentation(ServedTenants {
            schemas: HashSet::new(),
            look_after: self.recycling.check_every,
        });
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut PgConnection) -> Result<(), Self::Error> {
        self.inner.is_valid(conn)
    }

    /// Asked as the connection returns to the pool: one whose backend has
    /// outgrown its budget is closed like a broken one, and the pool opens
    /// a fresh one when it needs it.
    fn has_broken(&self, conn: &mut PgConnection) -> bool {
        self.inner.has_broken(conn) || self.outgrown(conn)
    }
}

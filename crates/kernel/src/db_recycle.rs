//! Pooled connections are closed once they have served a number of
//! distinct tenants.
//!
//! Each PostgreSQL backend caches the catalog entries (relations, indexes,
//! functions) and statement plans of every schema it touches, and keeps
//! them until it exits. A connection rotating over thousands of tenants
//! would grow until the machine swaps. Counting tenants served bounds that
//! memory where an age limit alone cannot: a busy connection meets a
//! thousand tenants in a minute.
//!
//! The count lives on the connection itself, as its diesel instrumentation
//! (the one slot a `PgConnection` offers for its user's data), so it goes
//! wherever the connection goes and dies with it. `with_tenant`, the one
//! door into a tenant's schema, records each tenant; the pool asks
//! `has_broken` when a connection comes back and drops it past the limit.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, ManageConnection};
use diesel::Connection;

use crate::values::SchemaName;

/// Distinct tenants a connection serves before the pool closes it. A
/// backend keeps about half a megabyte of catalog caches for each tenant
/// schema it reads customers, patients, bookings, products and orders in
/// (measured on PostgreSQL 15: 3 MB after 4 schemas, 23 MB after 44), so
/// at this many a backend holds about 50 MB, and 64 connections some
/// 3 GB at most. Reconnecting after 100 tenants costs a few milliseconds.
pub const MAX_TENANTS_PER_CONNECTION: usize = 100;

/// The tenants a connection has served, as hashes of their schema names
/// (a collision only delays a recycle).
#[derive(Default)]
struct ServedTenants {
    schemas: HashSet<u64>,
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

/// diesel's connection manager, plus the count of tenants served.
#[derive(Debug)]
pub struct TenantConnectionManager {
    inner: ConnectionManager<PgConnection>,
    max_tenants: usize,
}

impl TenantConnectionManager {
    pub fn new(database_url: &str, max_tenants: usize) -> Self {
        TenantConnectionManager {
            inner: ConnectionManager::new(database_url),
            max_tenants,
        }
    }
}

impl ManageConnection for TenantConnectionManager {
    type Connection = PgConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<PgConnection, Self::Error> {
        let mut conn = self.inner.connect()?;
        conn.set_instrumentation(ServedTenants::default());
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut PgConnection) -> Result<(), Self::Error> {
        self.inner.is_valid(conn)
    }

    /// Asked as the connection returns to the pool: one that has served
    /// too many tenants is closed like a broken one, and the pool opens a
    /// fresh one when it needs it.
    fn has_broken(&self, conn: &mut PgConnection) -> bool {
        self.inner.has_broken(conn) || served_tenants(conn) > self.max_tenants
    }
}

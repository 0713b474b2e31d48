//! The pool: one lane a connection, and each tenant has a lane it prefers.
//!
//! A PostgreSQL backend keeps the catalog entries and statement plans of
//! every schema it has touched. Over ten thousand tenants, connections
//! handed out in any order each meet every tenant: each backend loads every
//! tenant's catalog again and again, outgrows its memory budget and is
//! recycled, and its successor starts cold. So a tenant's work goes to the
//! connection its schema hashes to (its lane), and each backend holds about
//! 1/n of the tenants' caches.
//!
//! Work takes its own lane when it is free, or else a free lane whose
//! connection has served its tenant before (its backend has the catalog
//! cached, so it serves as well). Failing both, it waits for its own lane
//! even while another is free (`Waits::kept` waiters a lane), since the
//! running work is done in about a millisecond and another backend would
//! have to load the tenant's catalog first. Work queued beyond those
//! waiters takes a free lane at once, and a lane coming free with no
//! waiter it serves goes to the oldest such surplus waiter, but only while
//! that lane has served fewer than `Waits::spill_limit` tenants, or when
//! the surplus is a busy tenant's (it has `kept` waiters of its own queued
//! already: the lane will serve it again and again); a waiter overdue
//! (`Waits::overdue`) takes the next lane whatever it is. So one busy
//! tenant, or a hundred, soon have every lane warm and use them all, as
//! public-schema work (which prefers no lane) does; over thousands each
//! lane keeps its share. Measured at 10,000 tenants: handing work whose
//! lane was busy to any free lane made every backend hold nearly every
//! tenant (615 MB each); handing surplus work to any free lane, with 64
//! requests in flight over 10 lanes, made each backend meet tenants it had
//! not served at most requests, plan their statements afresh and outgrow
//! its budget (3,100-3,200 req/s; with a limit of 2,000, 5,100-5,700).
//! Without the busy tenant's exception, one tenant busy right after that
//! rotation kept to the two of 4 lanes that had met it (the others past
//! their limit, its waits under the overdue mark): 6,000-6,400 req/s in
//! three tries of five, a quarter of the CPU idle; with it 8,100-9,300, as
//! on a fresh server (8,500-10,000).
//!
//! Each lane is an r2d2 pool of one connection, which keeps what r2d2 does
//! well (connecting, health checks, the age limit, recycling a backend that
//! outgrew its budget); this module only decides which waiter gets which
//! lane, so r2d2's own wait is never taken.

use std::collections::{HashSet, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use diesel::pg::PgConnection;
use diesel::r2d2::{Pool, PooledConnection};

use super::recycle::{served_tenants, TenantConnectionManager};
use crate::values::SchemaName;

/// Why no connection was handed out.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error("no database connection came free within {0:?}")]
    Timeout(Duration),
    #[error(transparent)]
    Connect(#[from] diesel::r2d2::PoolError),
}

/// What the metrics read: connections open and those no work holds.
#[derive(Debug, Clone, Copy)]
pub struct PoolState {
    pub connections: u32,
    pub idle_connections: u32,
}

/// The pool (cheap to clone: every clone shares the lanes).
#[derive(Clone)]
pub struct DbPool {
    shared: Arc<Lanes>,
}

struct Lanes {
    lanes: Vec<Pool<TenantConnectionManager>>,
    state: Mutex<Dispatch>,
    waits: Waits,
}

struct Dispatch {
    free: Vec<bool>,
    /// The tenants each lane's connection has served (hashes of their
    /// schema names), whose catalogs its backend has cached: work may take
    /// such a lane as if it were its own. Emptied when the lane's
    /// connection is made again, so bounded as the backend's memory is.
    warm: Vec<HashSet<u64>>,
    waiting: VecDeque<Waiter>,
}

/// Whose work it is: the tenant's lane and its schema name's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tenant {
    lane: usize,
    key: u64,
}

struct Waiter {
    /// None for public-schema work, which any lane serves alike.
    tenant: Option<Tenant>,
    since: Instant,
    handed: Arc<Handoff>,
}

/// How long work waits: for any lane at most, and for its own lane before
/// it takes the next lane that comes free, its own or not (so that a lane
/// with a long queue cannot hold a request much longer than the rest); how
/// many waiters a busy lane keeps for itself (and how many of its own a
/// tenant has queued when it is busy); and how many tenants a lane may
/// have served and still take surplus work of tenants it has not, other
/// than busy ones.
#[derive(Debug, Clone, Copy)]
pub(super) struct Waits {
    pub timeout: Duration,
    pub overdue: Duration,
    pub kept: usize,
    pub spill_limit: usize,
}

/// Where a releasing thread puts the lane it gives a waiter.
#[derive(Default)]
struct Handoff {
    lane: Mutex<Option<usize>>,
    ready: Condvar,
}

impl Handoff {
    /// The lane handed over, waiting for one until `wake` at most.
    fn wait_until(&self, wake: Instant) -> Option<usize> {
        let mut lane = self.lane.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let left = wake.saturating_duration_since(Instant::now());
            if lane.is_some() || left.is_zero() {
                return *lane;
            }
            lane = self
                .ready
                .wait_timeout(lane, left)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    fn given(&self) -> Option<usize> {
        *self.lane.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A connection checked out of its lane; the lane is free again on drop.
pub struct DbConn {
    conn: Option<PooledConnection<TenantConnectionManager>>,
    lane: usize,
    shared: Arc<Lanes>,
}

impl DbPool {
    /// Lanes built by the caller (one r2d2 pool of one connection each).
    pub(super) fn from_lanes(lanes: Vec<Pool<TenantConnectionManager>>, waits: Waits) -> Self {
        let dispatch = Dispatch {
            free: vec![true; lanes.len()],
            warm: vec![HashSet::new(); lanes.len()],
            waiting: VecDeque::new(),
        };
        DbPool {
            shared: Arc::new(Lanes {
                lanes,
                state: Mutex::new(dispatch),
                waits,
            }),
        }
    }

    /// A connection from any lane (public-schema work).
    pub fn get(&self) -> Result<DbConn, PoolError> {
        self.checkout(None)
    }

    /// A connection for `schema`'s work, from its own lane when it can.
    pub fn get_for(&self, schema: &SchemaName) -> Result<DbConn, PoolError> {
        self.checkout(Some(self.tenant_of(schema)))
    }

    /// The lane a schema prefers, the same for the pool's whole life.
    pub fn lane_of(&self, schema: &SchemaName) -> usize {
        self.tenant_of(schema).lane
    }

    fn tenant_of(&self, schema: &SchemaName) -> Tenant {
        let mut hasher = DefaultHasher::new();
        schema.as_str().hash(&mut hasher);
        let key = hasher.finish();
        let lanes = self.shared.lanes.len().max(1) as u64;
        Tenant {
            lane: usize::try_from(key % lanes).unwrap_or(0),
            key,
        }
    }

    pub fn max_size(&self) -> u32 {
        u32::try_from(self.shared.lanes.len()).unwrap_or(u32::MAX)
    }

    pub fn state(&self) -> PoolState {
        let connections: u32 = self
            .shared
            .lanes
            .iter()
            .map(|l| l.state().connections)
            .sum();
        let busy = self.shared.dispatch().free.iter().filter(|f| !**f).count();
        PoolState {
            connections,
            // A busy lane holds a connection; a free one may not have
            // connected yet.
            idle_connections: connections.saturating_sub(u32::try_from(busy).unwrap_or(u32::MAX)),
        }
    }

    /// Requests waiting for a lane now.
    pub fn waiting(&self) -> usize {
        self.shared.dispatch().waiting.len()
    }

    fn checkout(&self, tenant: Option<Tenant>) -> Result<DbConn, PoolError> {
        let lane = self.shared.take_lane(tenant)?;
        // The lane is ours alone, so its pool's connection is idle (or
        // being made again after a recycle): r2d2 does not wait on others.
        match self.shared.lanes[lane].get() {
            Ok(mut conn) => {
                if served_tenants(&mut conn) == 0 {
                    // A new connection: its backend has cached no tenant.
                    let mut d = self.shared.dispatch();
                    d.warm[lane].clear();
                    d.warm[lane].extend(tenant.map(|t| t.key));
                }
                Ok(DbConn {
                    conn: Some(conn),
                    lane,
                    shared: Arc::clone(&self.shared),
                })
            }
            Err(e) => {
                self.shared.release(lane);
                Err(e.into())
            }
        }
    }
}

impl Lanes {
    fn dispatch(&self) -> MutexGuard<'_, Dispatch> {
        // The lock guards plain bookkeeping that no code can leave half
        // done, so a poisoned lock's state is still right.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn take_lane(&self, tenant: Option<Tenant>) -> Result<usize, PoolError> {
        let asked = Instant::now();
        let handed = {
            let mut d = self.dispatch();
            if let Some(lane) = d.lane_at_once(tenant, &self.waits) {
                d.take(lane, tenant);
                return Ok(lane);
            }
            let handed = Arc::new(Handoff::default());
            d.waiting.push_back(Waiter {
                tenant,
                since: asked,
                handed: Arc::clone(&handed),
            });
            handed
        };
        let deadline = asked + self.waits.timeout;
        let mut overdue_at = Some(asked + self.waits.overdue);
        loop {
            let wake = overdue_at.map_or(deadline, |at| at.min(deadline));
            if let Some(lane) = handed.wait_until(wake) {
                return Ok(lane);
            }
            // Lanes are handed over under the dispatch lock, so under it
            // a lane given since the last look is seen here, not lost.
            let mut d = self.dispatch();
            if let Some(lane) = handed.given() {
                return Ok(lane);
            }
            let leave = |d: &mut Dispatch| d.waiting.retain(|w| !Arc::ptr_eq(&w.handed, &handed));
            if Instant::now() >= deadline {
                leave(&mut d);
                return Err(PoolError::Timeout(self.waits.timeout));
            }
            // Overdue: its own lane has been busy too long (a slow query),
            // so any lane idle now will do; if none is, the next released.
            overdue_at = None;
            if let Some(lane) = d.free.iter().position(|f| *f) {
                leave(&mut d);
                d.take(lane, tenant);
                return Ok(lane);
            }
        }
    }

    /// Gives `lane` to the oldest waiter if it is overdue, else to the
    /// oldest that this lane serves as its own (its lane's, a tenant the
    /// lane has served, or public work), else to the oldest surplus waiter
    /// of another lane (a busy tenant's only, once this lane has served
    /// its fill), else marks it free.
    fn release(&self, lane: usize) {
        let waiter = {
            let mut d = self.dispatch();
            let overdue = d
                .waiting
                .front()
                .is_some_and(|w| w.since.elapsed() >= self.waits.overdue);
            let pick = if overdue {
                Some(0)
            } else {
                d.waiting
                    .iter()
                    .position(|w| d.serves(lane, w.tenant))
                    .or_else(|| {
                        let any_tenant = d.takes_surplus(lane, &self.waits);
                        d.first_surplus(self.waits.kept, any_tenant)
                    })
            };
            let Some(w) = pick.and_then(|i| d.waiting.remove(i)) else {
                d.free[lane] = true;
                return;
            };
            d.take(lane, w.tenant);
            // Handed over before the dispatch lock is let go: a waiter that
            // times out takes that lock before it gives up, so it sees the
            // lane and takes it rather than leave it with no one.
            *w.handed.lane.lock().unwrap_or_else(|p| p.into_inner()) = Some(lane);
            w
        };
        waiter.handed.ready.notify_one();
    }
}

impl Dispatch {
    /// Whether `lane` serves `tenant`'s work as well as its own lane would.
    fn serves(&self, lane: usize, tenant: Option<Tenant>) -> bool {
        tenant.is_none_or(|t| t.lane == lane || self.warm[lane].contains(&t.key))
    }

    /// Whether `lane` may take surplus work of a tenant it has not served:
    /// while its backend holds few tenants' catalogs. Past that, work of a
    /// new tenant would only make it plan that tenant's statements afresh
    /// and outgrow its budget sooner.
    fn takes_surplus(&self, lane: usize, waits: &Waits) -> bool {
        self.warm[lane].len() < waits.spill_limit
    }

    /// The lane work may take without waiting: its own, or one that has
    /// served its tenant, when free; any free lane for public work, or,
    /// when its own already has `kept` waiters, a free lane that still
    /// takes surplus work, or any free lane when `kept` of them are of the
    /// same tenant (a busy one).
    fn lane_at_once(&self, tenant: Option<Tenant>, waits: &Waits) -> Option<usize> {
        let free = |lane: &usize| self.free[*lane];
        // The warm sets are looked in only when the own lane is busy.
        let own = tenant.map(|t| t.lane).filter(free);
        own.or_else(|| (0..self.free.len()).find(|l| free(l) && self.serves(*l, tenant)))
            .or_else(|| match tenant {
                Some(t) if self.queued_for(t.lane) >= waits.kept => {
                    let busy = self.queued_of(t) >= waits.kept;
                    (0..self.free.len())
                        .find(|l| free(l) && (busy || self.takes_surplus(*l, waits)))
                }
                _ => None,
            })
    }

    /// Marks `lane` busy with `tenant`'s work, and warm for that tenant.
    fn take(&mut self, lane: usize, tenant: Option<Tenant>) {
        self.free[lane] = false;
        if let Some(t) = tenant {
            self.warm[lane].insert(t.key);
        }
    }

    fn queued_for(&self, lane: usize) -> usize {
        self.waiting
            .iter()
            .filter(|w| w.tenant.is_some_and(|t| t.lane == lane))
            .count()
    }

    fn queued_of(&self, tenant: Tenant) -> usize {
        self.waiting
            .iter()
            .filter(|w| w.tenant == Some(tenant))
            .count()
    }

    /// The oldest waiter with `kept` waiters of its own lane ahead of it,
    /// and, unless `any_tenant`, `kept` of its own tenant (a busy one's).
    /// (The queue is as long as the blocking threads at most.)
    fn first_surplus(&self, kept: usize, any_tenant: bool) -> Option<usize> {
        self.waiting.iter().enumerate().position(|(i, w)| {
            let Some(t) = w.tenant else {
                return false;
            };
            let ahead = self.waiting.iter().take(i).filter_map(|a| a.tenant);
            let (same_lane, same_tenant) = ahead.fold((0, 0), |(l, s), a| {
                (l + usize::from(a.lane == t.lane), s + usize::from(a == t))
            });
            same_lane >= kept && (any_tenant || same_tenant >= kept)
        })
    }
}

impl DbConn {
    /// The lane this connection is (see `DbPool::lane_of`).
    pub fn lane(&self) -> usize {
        self.lane
    }
}

impl Deref for DbConn {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        // Only `drop` takes the connection out.
        self.conn
            .as_deref()
            .unwrap_or_else(|| unreachable!("connection used after drop"))
    }
}

impl DerefMut for DbConn {
    fn deref_mut(&mut self) -> &mut PgConnection {
        self.conn
            .as_deref_mut()
            .unwrap_or_else(|| unreachable!("connection used after drop"))
    }
}

impl Drop for DbConn {
    fn drop(&mut self) {
        // Back into its lane's pool first (which closes it if it outgrew
        // its budget), then the lane goes to the next waiter.
        drop(self.conn.take());
        self.shared.release(self.lane);
    }
}

#[cfg(test)]
#[path = "db_lanes_test.rs"]
mod tests;

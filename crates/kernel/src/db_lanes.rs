//! The pool: one lane a connection, and each tenant has a lane it prefers.
//!
//! A PostgreSQL backend keeps the catalog entries and statement plans of
//! every schema it has touched. Over ten thousand tenants, connections
//! handed out in any order each meet every tenant: each backend loads every
//! tenant's catalog again and again, outgrows its memory budget and is
//! recycled, and its successor starts cold. So a tenant's work goes to the
//! connection its schema hashes to (its lane) whenever that lane can take
//! it, and each backend holds about 1/n of the tenants' caches.
//!
//! Affinity never leaves a connection idle while work waits: a lane coming
//! free goes to the oldest waiter that prefers it, and when none does, to
//! the oldest waiter of all. Under load some sixty requests wait for ten
//! lanes, so a lane almost always finds a waiter of its own; one busy tenant
//! (or public-schema work, which prefers no lane) still uses every lane.
//!
//! Each lane is an r2d2 pool of one connection, which keeps what r2d2 does
//! well (connecting, health checks, the age limit, recycling a backend that
//! outgrew its budget); this module only decides which waiter gets which
//! lane, so r2d2's own wait is never taken.

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use diesel::pg::PgConnection;
use diesel::r2d2::{Pool, PooledConnection};

use super::recycle::TenantConnectionManager;
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
    waiting: VecDeque<Waiter>,
}

struct Waiter {
    prefers: Option<usize>,
    since: Instant,
    handed: Arc<Handoff>,
}

/// How long work waits: for any lane at most, and for its own lane before
/// it takes the next lane that comes free, its own or not (so that a lane
/// with a long queue cannot hold a request much longer than the rest).
#[derive(Debug, Clone, Copy)]
pub(super) struct Waits {
    pub timeout: Duration,
    pub overdue: Duration,
}

/// Where a releasing thread puts the lane it gives a waiter.
#[derive(Default)]
struct Handoff {
    lane: Mutex<Option<usize>>,
    ready: Condvar,
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
        self.checkout(Some(self.lane_of(schema)))
    }

    /// The lane a schema prefers, the same for the pool's whole life.
    pub fn lane_of(&self, schema: &SchemaName) -> usize {
        let mut hasher = DefaultHasher::new();
        schema.as_str().hash(&mut hasher);
        let lanes = self.shared.lanes.len().max(1) as u64;
        usize::try_from(hasher.finish() % lanes).unwrap_or(0)
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

    fn checkout(&self, prefers: Option<usize>) -> Result<DbConn, PoolError> {
        let lane = self.shared.take_lane(prefers)?;
        // The lane is ours alone, so its pool's connection is idle (or
        // being made again after a recycle): r2d2 does not wait on others.
        match self.shared.lanes[lane].get() {
            Ok(conn) => Ok(DbConn {
                conn: Some(conn),
                lane,
                shared: Arc::clone(&self.shared),
            }),
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

    fn take_lane(&self, prefers: Option<usize>) -> Result<usize, PoolError> {
        let handed = {
            let mut d = self.dispatch();
            let own = prefers.filter(|&l| d.free.get(l).copied().unwrap_or(false));
            if let Some(lane) = own.or_else(|| d.free.iter().position(|f| *f)) {
                d.free[lane] = false;
                return Ok(lane);
            }
            let handed = Arc::new(Handoff::default());
            d.waiting.push_back(Waiter {
                prefers,
                since: Instant::now(),
                handed: Arc::clone(&handed),
            });
            handed
        };
        let deadline = Instant::now() + self.waits.timeout;
        let mut lane = handed.lane.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(given) = *lane {
                return Ok(given);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            lane = handed
                .ready
                .wait_timeout(lane, left)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|p| p.into_inner().0);
        }
        drop(lane);
        // Timed out: leave the queue, unless a lane was handed over between
        // the last look and taking the dispatch lock.
        let mut d = self.dispatch();
        d.waiting.retain(|w| !Arc::ptr_eq(&w.handed, &handed));
        drop(d);
        let given = *handed.lane.lock().unwrap_or_else(|p| p.into_inner());
        match given {
            Some(lane) => Ok(lane),
            None => Err(PoolError::Timeout(self.waits.timeout)),
        }
    }

    /// Gives `lane` to the oldest waiter if it is overdue, else to the
    /// oldest that prefers this lane (or none), else to the oldest, else
    /// marks it free.
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
                    .position(|w| w.prefers.is_none_or(|p| p == lane))
                    .or(if d.waiting.is_empty() { None } else { Some(0) })
            };
            let Some(w) = pick.and_then(|i| d.waiting.remove(i)) else {
                d.free[lane] = true;
                return;
            };
            // Handed over before the dispatch lock is let go: a waiter that
            // times out takes that lock before it gives up, so it sees the
            // lane and takes it rather than leave it with no one.
            *w.handed.lane.lock().unwrap_or_else(|p| p.into_inner()) = Some(lane);
            w
        };
        waiter.handed.ready.notify_one();
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

//! Host -> tenant, cached in-process. Every server LISTENs on the
//! `tenancy_changed` channel (a trigger on tenants and domains NOTIFYs on
//! commit) and drops its cache when anything changes, so an operator's
//! suspend or new domain takes effect within a fraction of a second.
//!
//! Two backstops for when that fails: a LISTEN connection can die without
//! an error (a half-open TCP connection), so every cached answer also
//! expires after `CACHE_TTL`, and the listener (`kernel::listen`) pings its
//! connection and reconnects when the ping fails. Answers "no such tenant"
//! are cached apart from real tenants and bounded on their own: a scan of
//! random hosts can fill and flush only that part, never evict the tenants
//! being served.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::RwLock;

use super::host::{classify, HostKind};
use super::model::{find_by_domain, find_by_slug, past_due_since, Tenant, TenantStatus};
use kernel::db::{self, DbPool};
use kernel::error::{AppError, AppResult};
use kernel::listen;

/// Hosts of real tenants kept at most (many tenants have several hosts).
const MAX_CACHED_HOSTS: usize = 100_000;
/// Unknown hosts (scanners) kept at most, apart from the tenants.
const MAX_CACHED_UNKNOWN: usize = 10_000;
/// No cached answer is older than this, even when no NOTIFY arrives.
const CACHE_TTL: Duration = Duration::from_secs(60);
const LISTEN_POLL: Duration = Duration::from_millis(200);

/// Host -> answer with an age. `T` is the tenant (generic for unit tests).
pub(crate) struct HostCache<T> {
    known: HashMap<String, (T, Instant)>,
    unknown: HashMap<String, Instant>,
    ttl: Duration,
    max_known: usize,
    max_unknown: usize,
}

impl<T: Clone> HostCache<T> {
    pub(crate) fn new(ttl: Duration, max_known: usize, max_unknown: usize) -> Self {
        HostCache {
            known: HashMap::new(),
            unknown: HashMap::new(),
            ttl,
            max_known,
            max_unknown,
        }
    }

    /// `None`: not cached (or expired), ask the database. `Some(None)`: known
    /// to have no tenant.
    pub(crate) fn get(&self, host: &str, now: Instant) -> Option<Option<T>> {
        let fresh = |at: &Instant| now.saturating_duration_since(*at) < self.ttl;
        if let Some((t, at)) = self.known.get(host) {
            return fresh(at).then(|| Some(t.clone()));
        }
        self.unknown.get(host).filter(|at| fresh(at)).map(|_| None)
    }

    pub(crate) fn insert(&mut self, host: String, tenant: Option<T>, now: Instant) {
        let ttl = self.ttl;
        match tenant {
            Some(t) => {
                self.unknown.remove(&host);
                if self.known.len() >= self.max_known {
                    self.known
                        .retain(|_, (_, at)| now.saturating_duration_since(*at) < ttl);
                }
                if self.known.len() >= self.max_known {
                    self.known.clear();
                }
                self.known.insert(host, (t, now));
            }
            None => {
                self.known.remove(&host);
                if self.unknown.len() >= self.max_unknown {
                    self.unknown
                        .retain(|_, at| now.saturating_duration_since(*at) < ttl);
                }
                if self.unknown.len() >= self.max_unknown {
                    self.unknown.clear();
                }
                self.unknown.insert(host, now);
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        self.known.clear();
        self.unknown.clear();
    }
}

/// How often a tenant's host was answered from the cache, and how often the
/// database was asked: a low hit ratio means the cache is being flushed
/// (notifications, scans of random hosts) and every request pays a query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheLookups {
    pub hits: u64,
    pub misses: u64,
}

pub enum Resolved {
    Platform,
    Tenant(Arc<Tenant>),
}

pub struct TenantRegistry {
    pool: DbPool,
    base_domain: String,
    /// Caches "no such tenant" as well.
    cache: RwLock<HostCache<Arc<Tenant>>>,
    /// Bumped on every invalidation; a lookup that raced one is not cached.
    generation: AtomicU64,
    cache_hits: AtomicU64,
    cache_misses: AtomicU64,
}

impl TenantRegistry {
    pub fn new(pool: DbPool, base_domain: String, database_url: String) -> Arc<Self> {
        let registry = Arc::new(TenantRegistry {
            pool,
            base_domain,
            cache: RwLock::new(HostCache::new(
                CACHE_TTL,
                MAX_CACHED_HOSTS,
                MAX_CACHED_UNKNOWN,
            )),
            generation: AtomicU64::new(0),
            cache_hits: AtomicU64::new(0),
            cache_misses: AtomicU64::new(0),
        });
        listen::spawn(
            listen::Channels {
                name: "tenancy-listener",
                channels: &["tenancy_changed"],
                poll: LISTEN_POLL,
            },
            Arc::downgrade(&registry),
            database_url,
        );
        registry
    }

    pub fn base_domain(&self) -> &str {
        &self.base_domain
    }

    /// Lookups of tenant hosts since start (the platform's own host is
    /// never looked up).
    pub fn cache_lookups(&self) -> CacheLookups {
        CacheLookups {
            hits: self.cache_hits.load(Ordering::Relaxed),
            misses: self.cache_misses.load(Ordering::Relaxed),
        }
    }

    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.cache.write().clear();
    }

    /// Resolves a normalised host. Unknown, deleted or unfinished tenants are
    /// 404; suspended ones 403.
    pub async fn resolve(&self, host: &str) -> AppResult<Resolved> {
        let kind = classify(host, &self.base_domain);
        if kind == HostKind::Platform {
            return Ok(Resolved::Platform);
        }
        let cached = self.cache.read().get(host, Instant::now());
        let tenant = match cached {
            Some(hit) => {
                self.cache_hits.fetch_add(1, Ordering::Relaxed);
                hit
            }
            None => {
                self.cache_misses.fetch_add(1, Ordering::Relaxed);
                self.load(host.to_string(), kind).await?
            }
        };
        match tenant {
            Some(t) if t.status == TenantStatus::Active => Ok(Resolved::Tenant(t)),
            Some(t) if t.status == TenantStatus::Suspended => Err(AppError::forbidden(
                "tenant_suspended",
                format!(
                    "The site {host} is suspended. Contact its owner or the platform operator."
                ),
            )),
            _ => Err(AppError::not_found(
                "tenant_not_found",
                format!("No site is configured for the host {host}."),
            )),
        }
    }

    async fn load(&self, host: String, kind: HostKind) -> AppResult<Option<Arc<Tenant>>> {
        let generation = self.generation.load(Ordering::SeqCst);
        let key = host.clone();
        let row = db::run(&self.pool, move |conn| {
            let row = match &kind {
                HostKind::Subdomain(slug) => match find_by_slug(conn, slug)? {
                    Some(row) => Some(row),
                    // A domain row may also name a host under the base domain.
                    None => find_by_domain(conn, &host)?,
                },
                HostKind::Custom(host) => find_by_domain(conn, host)?,
                HostKind::Platform => None,
            };
            let past_due = match &row {
                Some(row) => past_due_since(conn, row.id)?,
                None => None,
            };
            Ok(row.map(|row| (row, past_due)))
        })
        .await?;
        let tenant = row
            .map(|(row, past_due)| {
                Tenant::try_from(row).map(|mut t| {
                    t.past_due_since = past_due;
                    t
                })
            })
            .transpose()
            .map_err(AppError::internal)?
            .map(Arc::new);
        if self.generation.load(Ordering::SeqCst) == generation {
            self.cache
                .write()
                .insert(key, tenant.clone(), Instant::now());
        }
        Ok(tenant)
    }
}

/// The registry drops its whole cache on any change of a tenant or a domain,
/// and when notifications may have been lost.
impl listen::Subscriber for TenantRegistry {
    fn notified(&self, _channel: &str, _payload: &str) {
        self.invalidate();
    }

    fn missed(&self) {
        self.invalidate();
    }
}

#[cfg(test)]
#[path = "registry_test.rs"]
mod tests;

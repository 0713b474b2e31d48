//! Host -> tenant, cached in-process. Every server LISTENs on the
//! `tenancy_changed` channel (a trigger on tenants and domains NOTIFYs on
//! commit) and drops its cache when anything changes, so an operator's
//! suspend or new domain takes effect within a fraction of a second.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use diesel::prelude::*;
use parking_lot::RwLock;

use super::host::{classify, HostKind};
use super::model::{find_by_domain, find_by_slug, Tenant, TenantStatus};
use kernel::db::{self, DbPool};
use kernel::error::{AppError, AppResult};

/// Many distinct unknown hosts (scanners) must not grow the cache forever.
const MAX_CACHED_HOSTS: usize = 100_000;
const LISTEN_POLL: Duration = Duration::from_millis(200);

pub enum Resolved {
    Platform,
    Tenant(Arc<Tenant>),
}

pub struct TenantRegistry {
    pool: DbPool,
    base_domain: String,
    /// None caches "no such tenant" as well.
    cache: RwLock<HashMap<String, Option<Arc<Tenant>>>>,
    /// Bumped on every invalidation; a lookup that raced one is not cached.
    generation: AtomicU64,
}

impl TenantRegistry {
    pub fn new(pool: DbPool, base_domain: String, database_url: String) -> Arc<Self> {
        let registry = Arc::new(TenantRegistry {
            pool,
            base_domain,
            cache: RwLock::new(HashMap::new()),
            generation: AtomicU64::new(0),
        });
        spawn_listener(Arc::downgrade(&registry), database_url);
        registry
    }

    pub fn base_domain(&self) -> &str {
        &self.base_domain
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
        let cached = self.cache.read().get(host).cloned();
        let tenant = match cached {
            Some(hit) => hit,
            None => self.load(host.to_string(), kind).await?,
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
            Ok(row)
        })
        .await?;
        let tenant = row
            .map(Tenant::try_from)
            .transpose()
            .map_err(AppError::internal)?
            .map(Arc::new);
        if self.generation.load(Ordering::SeqCst) == generation {
            let mut cache = self.cache.write();
            if cache.len() >= MAX_CACHED_HOSTS {
                cache.clear();
            }
            cache.insert(key, tenant.clone());
        }
        Ok(tenant)
    }
}

/// One thread per registry holds a LISTEN connection. It ends when the
/// registry is dropped. Any error (database restart) clears the cache and
/// reconnects, since notifications may have been missed meanwhile.
fn spawn_listener(registry: Weak<TenantRegistry>, database_url: String) {
    let spawned = std::thread::Builder::new()
        .name("tenancy-listener".into())
        .spawn(move || loop {
            let mut conn = match PgConnection::establish(&database_url)
                .map_err(|e| e.to_string())
                .and_then(|mut c| {
                    diesel::sql_query("LISTEN tenancy_changed")
                        .execute(&mut c)
                        .map(|_| c)
                        .map_err(|e| e.to_string())
                }) {
                Ok(conn) => conn,
                Err(e) => {
                    tracing::warn!(error = %e, "tenancy listener cannot connect; retrying");
                    std::thread::sleep(Duration::from_secs(1));
                    if registry.strong_count() == 0 {
                        return;
                    }
                    continue;
                }
            };
            match registry.upgrade() {
                Some(r) => r.invalidate(),
                None => return,
            }
            loop {
                std::thread::sleep(LISTEN_POLL);
                let Some(r) = registry.upgrade() else { return };
                let mut changed = false;
                let mut failed = false;
                for note in conn.notifications_iter() {
                    match note {
                        Ok(_) => changed = true,
                        Err(e) => {
                            tracing::warn!(error = %e, "tenancy listener lost its connection");
                            failed = true;
                            break;
                        }
                    }
                }
                if changed || failed {
                    r.invalidate();
                }
                if failed {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the tenancy listener; host cache will not refresh");
    }
}

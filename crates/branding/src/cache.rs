//! Branding cached in-process, so pages do not ask the database on every
//! request. An entry lives a few seconds; a change made through this server
//! drops its tenant's entry at once (`crate::update` does), and another
//! server sees it when its entry expires.
//!
//! One cache serves the whole process (`cache()`): the JSON API and the
//! pages must see the same entries for a change to show on both at once.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use parking_lot::RwLock;
use uuid::Uuid;

use crate::model::Branding;

/// How stale the branding another server shows may be.
const TTL: Duration = Duration::from_secs(5);
/// Bounds memory under many tenants.
const MAX_ENTRIES: usize = 50_000;

type Entries = HashMap<Uuid, (Instant, Arc<Branding>)>;

pub struct BrandingCache {
    ttl: Duration,
    entries: RwLock<Entries>,
}

static SHARED: LazyLock<BrandingCache> = LazyLock::new(|| BrandingCache::with_ttl(TTL));

/// The process's branding cache.
pub fn cache() -> &'static BrandingCache {
    &SHARED
}

impl BrandingCache {
    pub(crate) fn with_ttl(ttl: Duration) -> Self {
        BrandingCache {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    /// The tenant's cached branding, or what `load` reads (then cached).
    /// Requests that miss at the same moment each load once; the entry is
    /// small and the burst ends with the first to finish.
    pub async fn get_or_load<E, F, Fut>(&self, tenant_id: Uuid, load: F) -> Result<Arc<Branding>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Branding, E>>,
    {
        if let Some(hit) = self.get(tenant_id) {
            return Ok(hit);
        }
        let branding = load().await?;
        Ok(self.put(tenant_id, branding))
    }

    /// After any change to the tenant's branding.
    pub fn forget(&self, tenant_id: Uuid) {
        self.entries.write().remove(&tenant_id);
    }

    fn get(&self, tenant_id: Uuid) -> Option<Arc<Branding>> {
        let entries = self.entries.read();
        let (at, branding) = entries.get(&tenant_id)?;
        (at.elapsed() < self.ttl).then(|| branding.clone())
    }

    fn put(&self, tenant_id: Uuid, branding: Branding) -> Arc<Branding> {
        let branding = Arc::new(branding);
        let mut entries = self.entries.write();
        if entries.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            entries.retain(|_, (at, _)| at.elapsed() < ttl);
            // Still full of live entries: start over rather than grow.
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(tenant_id, (Instant::now(), branding.clone()));
        branding
    }
}

#[cfg(test)]
#[path = "cache_test.rs"]
mod tests;

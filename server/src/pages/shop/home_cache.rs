//! What the home page shows of the shop (the category tree and the newest
//! products), per site and language, kept a few seconds in-process. The
//! home page is the busiest page; without this every visit, to a site that
//! sells nothing as much as to a shop, would read the catalog twice. A
//! change to the catalog shows on the home page within the TTL; the shop's
//! own pages always read the catalog.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::RwLock;
use stores::catalog::{CategoryNode, Locale, ProductSummary};
use uuid::Uuid;

const TTL: Duration = Duration::from_secs(5);
/// Bounds memory under many sites and languages.
const MAX_ENTRIES: usize = 20_000;

/// The catalog as the home page reads it.
pub struct HomeCatalog {
    pub tree: Vec<CategoryNode>,
    pub newest: Vec<ProductSummary>,
}

type Key = (Uuid, Option<Locale>);

#[derive(Default)]
pub struct ShopHomeCache {
    entries: RwLock<HashMap<Key, (Instant, Arc<HomeCatalog>)>>,
}

impl ShopHomeCache {
    pub fn get(&self, tenant_id: Uuid, lang: Option<Locale>) -> Option<Arc<HomeCatalog>> {
        let entries = self.entries.read();
        let (at, found) = entries.get(&(tenant_id, lang))?;
        (at.elapsed() < TTL).then(|| found.clone())
    }

    pub fn put(
        &self,
        tenant_id: Uuid,
        lang: Option<Locale>,
        catalog: HomeCatalog,
    ) -> Arc<HomeCatalog> {
        let catalog = Arc::new(catalog);
        let mut entries = self.entries.write();
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
        }
        entries.insert((tenant_id, lang), (Instant::now(), catalog.clone()));
        catalog
    }
}

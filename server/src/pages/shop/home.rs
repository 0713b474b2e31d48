//! The shop's part of the site's home page: the top-level categories and a
//! few products (the featured ones, else the newest), with a search box.
//! A site that sells nothing shows none of it.

use stores::catalog::listing::MAX_LIMIT;
use stores::catalog::{self, CatalogError, ListRequest, ProductFilter};
use uuid::Uuid;

use super::cards::ProductCard;
use super::home_cache::HomeCatalog;
use super::locale;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError};

/// Products on the home page.
const SHOWN: usize = 8;

pub struct TopCategory {
    pub id: Uuid,
    pub name: String,
    pub count: String,
}

pub struct ShopSection {
    pub categories: Vec<TopCategory>,
    pub products: Vec<ProductCard>,
    /// "Featured" or "New": what the products are.
    pub heading_key: &'static str,
}

/// The section, or None when nothing is on sale. The featured products are
/// picked from the newest page the catalog lists (it has no filter of its
/// own for them), so a featured product far down an old catalog is not
/// shown here; the category pages list it.
pub async fn section(p: &Page, tenant: &CurrentTenant) -> Result<Option<ShopSection>, PageError> {
    let lang = locale(p);
    let cache = p.state.shop_home.clone();
    let catalog = match cache.get(tenant.id, lang) {
        Some(catalog) => catalog,
        None => {
            let request = ListRequest {
                filter: ProductFilter {
                    limit: MAX_LIMIT,
                    ..ProductFilter::default()
                },
                facets: false,
                lang,
            };
            let (tree, listed) = tenant
                .run(&p.state, move |conn| {
                    Ok::<_, CatalogError>((
                        catalog::tree(conn, lang)?,
                        catalog::list_products(conn, &request)?,
                    ))
                })
                .await
                .map_err(|e| p.fail(e))?;
            cache.put(
                tenant.id,
                lang,
                HomeCatalog {
                    tree,
                    newest: listed.items,
                },
            )
        }
    };
    let (tree, listed) = (&catalog.tree, &catalog.newest);
    if listed.is_empty() {
        return Ok(None);
    }
    let featured: Vec<ProductCard> = listed
        .iter()
        .filter(|s| s.featured)
        .take(SHOWN)
        .map(|s| ProductCard::of(p, s))
        .collect();
    let (products, heading_key) = if featured.is_empty() {
        let newest = listed
            .iter()
            .take(SHOWN)
            .map(|s| ProductCard::of(p, s))
            .collect();
        (newest, "shop-home-newest")
    } else {
        (featured, "shop-home-featured")
    };
    let categories = tree
        .iter()
        .filter(|c| c.product_count > 0)
        .map(|c| TopCategory {
            id: c.id,
            name: c.display_name.clone(),
            count: p.fmt.number(c.product_count),
        })
        .collect();
    Ok(Some(ShopSection {
        categories,
        products,
        heading_key,
    }))
}

//! GET /shop (everything on sale), /shop/c/{category_id} (a category and
//! everything below it) and /shop/search?q= (full-text search): one list
//! page with breadcrumbs, subcategories, the filter form (a GET form) and
//! cursor pages. The list is the catalog's, with its checks: a cursor it
//! did not hand out, or a filter it cannot read, is the 400 page.

use std::collections::HashMap;

use actix_web::{web, HttpRequest};
use askama::Template;
use stores::catalog::attributes;
use stores::catalog::{self, CatalogError, CategoryNode, Crumb, Locale, ProductPage};
use uuid::Uuid;

use super::cards::ProductCard;
use super::filters::{self, FilterForm};
use super::home::TopCategory;
use super::query::Asked;
use super::{id_or_404, locale};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageResult};

/// Attribute names are looked up for at most this many categories of the
/// results (on the all-products and search pages).
const MAX_LABELLED_CATEGORIES: usize = 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    All,
    Search,
    Category(Uuid),
}

#[derive(Template)]
#[template(path = "shop/list.html")]
struct ListPage<'a> {
    p: &'a Page,
    title: String,
    /// The form's action and the pages' base.
    path: String,
    /// The same list without the filters.
    clear_href: String,
    crumbs: Vec<Crumb>,
    subcategories: Vec<TopCategory>,
    asked: Asked,
    searching: bool,
    /// A search page without words: the box alone.
    no_words: bool,
    count: String,
    cards: Vec<ProductCard>,
    next_href: Option<String>,
    filter: FilterForm,
}

struct Loaded {
    tree: Vec<CategoryNode>,
    crumbs: Vec<Crumb>,
    listed: Option<ProductPage>,
    labels: HashMap<String, String>,
}

/// The categories whose attributes name the facets: the one asked about,
/// else those of the results.
fn labelled(kind: Kind, listed: Option<&ProductPage>) -> Vec<Uuid> {
    if let Kind::Category(id) = kind {
        return vec![id];
    }
    let mut ids: Vec<Uuid> = Vec::new();
    for c in listed
        .and_then(|l| l.facets.as_ref())
        .map(|f| f.categories.as_slice())
        .unwrap_or_default()
    {
        if !ids.contains(&c.category_id) {
            ids.push(c.category_id);
        }
    }
    ids.truncate(MAX_LABELLED_CATEGORIES);
    ids
}

fn load(
    conn: &mut diesel::PgConnection,
    kind: Kind,
    request: Option<catalog::ListRequest>,
    lang: Option<Locale>,
) -> Result<Loaded, CatalogError> {
    let crumbs = match kind {
        Kind::Category(id) => catalog::breadcrumbs(conn, id, lang)?,
        _ => Vec::new(),
    };
    let tree = catalog::tree(conn, lang)?;
    let listed = request
        .map(|r| catalog::list_products(conn, &r))
        .transpose()?;
    let mut labels = HashMap::new();
    for category in labelled(kind, listed.as_ref()) {
        for a in attributes::list(conn, category, lang)? {
            labels.entry(a.code).or_insert(a.display_name);
        }
    }
    Ok(Loaded {
        tree,
        crumbs,
        listed,
        labels,
    })
}

/// The children of `id` in the tree (the top level for None).
fn children(tree: &[CategoryNode], id: Option<Uuid>) -> Option<&[CategoryNode]> {
    let Some(id) = id else {
        return Some(tree);
    };
    tree.iter().find_map(|node| {
        if node.id == id {
            Some(node.children.as_slice())
        } else {
            children(&node.children, Some(id))
        }
    })
}

async fn list(p: Page, tenant: CurrentTenant, req: HttpRequest, kind: Kind) -> PageResult {
    let asked = Asked::parse(req.query_string());
    let lang = locale(&p);
    let no_words = kind == Kind::Search && asked.q.is_empty();
    let category = match kind {
        Kind::Category(id) => Some(id),
        _ => None,
    };
    let request = if no_words {
        None
    } else {
        Some(asked.request(category, lang).map_err(|e| p.fail(e))?)
    };
    let loaded = tenant
        .run(&p.state, move |conn| load(conn, kind, request, lang))
        .await
        .map_err(|e| p.fail(e))?;
    let path = match kind {
        Kind::All => "/shop".to_string(),
        Kind::Search => "/shop/search".to_string(),
        Kind::Category(id) => format!("/shop/c/{id}"),
    };
    let title = match kind {
        Kind::All => p.t("shop-all-title"),
        Kind::Search if no_words => p.t("shop-search-title"),
        Kind::Search => p.t1("shop-search-results", "words", &asked.q),
        Kind::Category(_) => loaded
            .crumbs
            .last()
            .map(|c| c.display_name.clone())
            .unwrap_or_default(),
    };
    let subcategories = children(&loaded.tree, category)
        .unwrap_or_default()
        .iter()
        .filter(|c| c.product_count > 0)
        .map(|c| TopCategory {
            id: c.id,
            name: c.display_name.clone(),
            count: p.fmt.number(c.product_count),
        })
        .collect();
    let facets = loaded.listed.as_ref().and_then(|l| l.facets.as_ref());
    let filter = filters::form(&p, &asked, facets, &loaded.labels);
    let count = p.t1(
        "shop-count",
        "count",
        p.fmt.number(facets.map_or(0, |f| f.total)),
    );
    let (cards, next_href) = match &loaded.listed {
        Some(listed) => (
            listed
                .items
                .iter()
                .map(|s| ProductCard::of(&p, s))
                .collect(),
            listed
                .next_cursor
                .as_deref()
                .map(|cursor| asked.href(&path, cursor)),
        ),
        None => (Vec::new(), None),
    };
    let clear_href = if kind == Kind::Search {
        let q = serde_urlencoded::to_string([("q", asked.q.as_str())]).unwrap_or_default();
        format!("{path}?{q}")
    } else {
        path.clone()
    };
    let page = ListPage {
        clear_href,
        title,
        path,
        crumbs: loaded.crumbs,
        subcategories,
        asked,
        searching: kind == Kind::Search,
        no_words,
        count,
        cards,
        next_href,
        filter,
        p: &p,
    };
    p.render(&page)
}

pub async fn all(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    list(p, tenant, req, Kind::All).await
}

pub async fn search(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    list(p, tenant, req, Kind::Search).await
}

pub async fn category(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
) -> PageResult {
    let id = id_or_404(&p, &path)?;
    list(p, tenant, req, Kind::Category(id)).await
}

//! GET /admin/shop/products: the catalog's own list (search words in
//! every language, a category with everything under it, on sale only or
//! every product), newest first or by relevance to the words, a page at a
//! time with the list's cursor.

use actix_web::HttpRequest;
use askama::Template;
use stores::catalog::{categories, list_products, CatalogError, ListRequest, ProductSummary};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::refusal;
use super::super::tabs::{self, Tab, TabLink};
use super::super::tree;
use super::super::ui::{Field, Opt};
use super::super::{flag, locale, query};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

pub struct Row {
    pub id: Uuid,
    pub name: String,
    pub category: String,
    pub image: Option<String>,
    pub price: String,
    pub in_stock: bool,
    pub active: bool,
    pub featured: bool,
    pub prescription: bool,
}

#[derive(Template)]
#[template(path = "admin/shop/products.html")]
struct ProductsPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    notice: Option<Notice>,
    q: Field,
    category: Field,
    show: Field,
    rows: Vec<Row>,
    filtered: bool,
    first_href: Option<String>,
    next_href: Option<String>,
}

/// The filters as the query string gave them.
#[derive(Clone, Default)]
struct Asked {
    q: String,
    category: String,
    /// `all`: products not on sale too.
    show: String,
    cursor: Option<String>,
}

impl Asked {
    fn of(req: &HttpRequest) -> Asked {
        let mut asked = Asked::default();
        for (k, v) in query(req) {
            match k.as_str() {
                "q" => asked.q = v,
                "category" => asked.category = v,
                "show" => asked.show = v,
                "cursor" if !v.trim().is_empty() => asked.cursor = Some(v),
                _ => {}
            }
        }
        asked
    }

    fn pairs(&self, cursor: Option<&str>) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = [
            ("q", &self.q),
            ("category", &self.category),
            ("show", &self.show),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
        if let Some(c) = cursor {
            pairs.push(("cursor", c.to_string()));
        }
        pairs
    }

    fn href(&self, cursor: Option<&str>) -> String {
        match serde_urlencoded::to_string(self.pairs(cursor)) {
            Ok(q) if !q.is_empty() => format!("/admin/shop/products?{q}"),
            _ => "/admin/shop/products".into(),
        }
    }

    /// The catalog list's own parameters.
    fn request(&self) -> Result<ListRequest, CatalogError> {
        let mut pairs: Vec<(String, String)> = vec![
            ("q".into(), self.q.clone()),
            ("category".into(), self.category.clone()),
        ];
        if self.show == "all" {
            pairs.push(("include_inactive".into(), "true".into()));
        }
        if let Some(c) = &self.cursor {
            pairs.push(("cursor".into(), c.clone()));
        }
        ListRequest::from_pairs(&pairs, true)
    }
}

fn row(p: &Page, names: &[tree::Flat], s: ProductSummary) -> Row {
    Row {
        category: names
            .iter()
            .find(|f| f.id == s.category_id)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        price: p.fmt.price(s.min_price_cents, &s.currency),
        id: s.id,
        name: s.display_name,
        image: s.image,
        in_stock: s.in_stock,
        active: s.active,
        featured: s.featured,
        prescription: s.requires_prescription,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let asked = Asked::of(&req);
    let lang = locale(&p);
    let request = asked.request();
    let (tree, listed) = tenant
        .run(&p.state, move |conn| {
            let tree = categories::tree(conn, lang)?;
            let listed = match request {
                Ok(mut request) => {
                    request.lang = lang;
                    Ok(list_products(conn, &request)?)
                }
                Err(e) => Err(e),
            };
            Ok::<_, CatalogError>((tree, listed))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let shows = vec![
        Opt::new("", p.t("admin-shop-products-on-sale")),
        Opt::new("all", p.t("admin-shop-products-all")),
    ];
    let mut page = ProductsPage {
        p: &p,
        nav: nav::links(&p, Section::Shop),
        tabs: tabs::links(&p, Tab::Products),
        notice: flag(&req, "deleted").then(|| Notice::ok(p.t("admin-shop-product-deleted"))),
        q: Field::text("q", p.t("admin-shop-products-search"), &asked.q)
            .kind("search")
            .max(200),
        category: Field::select(
            "category",
            p.t("admin-shop-product-category"),
            &asked.category,
            tree::options(&tree, Some(p.t("admin-shop-products-any-category"))),
        ),
        show: Field::select("show", p.t("admin-shop-products-show"), &asked.show, shows),
        rows: Vec::new(),
        filtered: !asked.pairs(None).is_empty() || asked.cursor.is_some(),
        first_href: asked.cursor.as_ref().map(|_| asked.href(None)),
        next_href: None,
    };
    match listed {
        Ok(listed) => {
            let names = tree::flatten(&tree);
            page.next_href = listed.next_cursor.as_deref().map(|c| asked.href(Some(c)));
            page.rows = listed
                .items
                .into_iter()
                .map(|s| row(&p, &names, s))
                .collect();
            p.render(&page)
        }
        // Words too long, a category id that is not one, a cursor
        // tampered with: the filters again with the reason.
        Err(e) => {
            let r = refusal(&p, e)?;
            page.notice = Some(r.notice);
            p.render_status(r.status, &page)
        }
    }
}

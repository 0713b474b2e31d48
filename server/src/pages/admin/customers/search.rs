//! GET /admin/customers?q=: the search box and one page of results,
//! newest first, through the same listing (and cursor) as the JSON API.

use actix_web::HttpRequest;
use askama::Template;
use customers::listing::{ListFilter, ListQuery};
use customers::model::Page as CustomerPage;
use customers::repo;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

pub struct Row {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub phone: String,
}

#[derive(Template)]
#[template(path = "admin/customers/list.html")]
struct ListPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    q: String,
    rows: Vec<Row>,
    /// Shown once a search (or a later page) is on screen.
    searched: bool,
    next_href: Option<String>,
    first_href: Option<String>,
    notice: Option<Notice>,
}

/// `q` and `cursor` from the query string; anything else (the language
/// switcher's `lang`) is not the listing's business.
fn query_of(req: &HttpRequest) -> (String, Option<String>) {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    (
        get("q").unwrap_or_default(),
        get("cursor").filter(|c| !c.trim().is_empty()),
    )
}

fn href(q: &str, cursor: Option<&str>) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if !q.trim().is_empty() {
        pairs.push(("q", q));
    }
    if let Some(c) = cursor {
        pairs.push(("cursor", c));
    }
    match serde_urlencoded::to_string(&pairs) {
        Ok(query) if !query.is_empty() => format!("/admin/customers?{query}"),
        _ => "/admin/customers".into(),
    }
}

fn row(c: customers::model::Customer) -> Row {
    Row {
        id: c.id,
        name: c.name,
        email: c.email.unwrap_or_default(),
        phone: c.phone.unwrap_or_default(),
    }
}

pub async fn list(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (q, cursor) = query_of(&req);
    let searched = !q.trim().is_empty() || cursor.is_some();
    let parsed = ListFilter::parse(ListQuery {
        q: Some(q.clone()),
        tag: None,
        limit: None,
        cursor: cursor.clone(),
    });
    let mut page = ListPage {
        p: &p,
        nav: nav::links(&p, Section::Customers),
        rows: Vec::new(),
        searched,
        next_href: None,
        first_href: cursor.as_ref().map(|_| href(&q, None)),
        notice: None,
        q,
    };
    let found = match parsed {
        Ok(filter) => {
            tenant
                .run(&p.state, move |conn| repo::list(conn, &filter))
                .await
        }
        Err(e) => Err(e),
    };
    match found {
        Ok(CustomerPage { items, next_cursor }) => {
            page.rows = items.into_iter().map(row).collect();
            page.next_href = next_cursor.as_deref().map(|c| href(&page.q, Some(c)));
            p.render(&page)
        }
        // A search too long, or a cursor that was tampered with: the form
        // again, with a message above it.
        Err(e) => {
            let (status, _) = p.refusal(e)?;
            page.notice = Some(Notice::bad(p.t("admin-customers-bad-search")));
            p.render_status(status, &page)
        }
    }
}

//! GET /admin/shop/orders: the shop's orders, newest first, filtered by
//! status, the buyer's email and the days they were placed on (in the
//! site's time zone), a page at a time through the orders library's own
//! listing and tamper-evident cursor.

use actix_web::HttpRequest;
use askama::Template;
use chrono_tz::Tz;
use kernel::error::AppError;
use stores::orders::{self, ListFilter, ListQuery, OrderError, OrderStatus, Scope};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::ui::{Field, Opt};
use super::super::{query, when};
use super::{rx_label, status_label};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

pub struct Row {
    pub id: Uuid,
    pub number: String,
    pub placed: String,
    pub name: String,
    pub email: String,
    pub status_code: &'static str,
    pub status: String,
    pub total: String,
    pub rx: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/shop/orders.html")]
struct OrdersPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    notice: Option<Notice>,
    status: Field,
    email: Field,
    from: Field,
    to: Field,
    rows: Vec<Row>,
    /// Whether a filter (or a later page) is on screen.
    filtered: bool,
    first_href: Option<String>,
    next_href: Option<String>,
}

/// The filters as the query string gave them.
#[derive(Clone, Default)]
struct Asked {
    status: String,
    email: String,
    from: String,
    to: String,
    cursor: Option<String>,
}

impl Asked {
    fn of(req: &HttpRequest) -> Asked {
        let mut asked = Asked::default();
        for (k, v) in query(req) {
            match k.as_str() {
                "status" => asked.status = v,
                "email" => asked.email = v,
                "from" => asked.from = v,
                "to" => asked.to = v,
                "cursor" if !v.trim().is_empty() => asked.cursor = Some(v),
                _ => {}
            }
        }
        asked
    }

    fn href(&self, cursor: Option<&str>) -> String {
        let mut pairs: Vec<(&str, &str)> = [
            ("status", &self.status),
            ("email", &self.email),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect();
        if let Some(c) = cursor {
            pairs.push(("cursor", c));
        }
        match serde_urlencoded::to_string(&pairs) {
            Ok(q) if !q.is_empty() => format!("/admin/shop/orders?{q}"),
            _ => "/admin/shop/orders".into(),
        }
    }
}

fn row(p: &Page, tz: Tz, o: orders::OrderSummary) -> Row {
    Row {
        id: o.id,
        number: p.fmt.number(o.number),
        placed: when::at(p, tz, o.created_at),
        status_code: o.status.as_str(),
        status: status_label(p, o.status),
        total: p.fmt.price(o.total_cents, &o.currency),
        rx: o.prescription_status.as_deref().map(|s| rx_label(p, s)),
        name: o.name,
        email: o.email,
    }
}

fn page<'a>(p: &'a Page, asked: &Asked, refused: Option<Refusal>) -> OrdersPage<'a> {
    let said = |field: &str, key: &str| refused.as_ref().filter(|r| r.has(field)).map(|_| p.t(key));
    let statuses = std::iter::once(Opt::new("", p.t("admin-shop-orders-any-status")))
        .chain(
            OrderStatus::ALL
                .iter()
                .map(|s| Opt::new(s.as_str(), status_label(p, *s))),
        )
        .collect();
    OrdersPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Orders),
        status: Field::select(
            "status",
            p.t("admin-shop-orders-status"),
            &asked.status,
            statuses,
        )
        .error(said("status", "admin-shop-error-status")),
        email: Field::text("email", p.t("admin-shop-orders-email"), &asked.email)
            .kind("search")
            .ltr()
            .max(254)
            .error(said("email", "admin-shop-error-email-filter")),
        from: Field::text("from", p.t("admin-shop-orders-from"), &asked.from)
            .kind("date")
            .error(said("created_from", "admin-shop-error-date")),
        to: Field::text("to", p.t("admin-shop-orders-to"), &asked.to)
            .kind("date")
            .error(said("created_to", "admin-shop-error-date-range")),
        rows: Vec::new(),
        filtered: [&asked.status, &asked.email, &asked.from, &asked.to]
            .iter()
            .any(|v| !v.trim().is_empty())
            || asked.cursor.is_some(),
        first_href: asked.cursor.as_ref().map(|_| asked.href(None)),
        next_href: None,
        notice: refused.map(|r| r.notice),
    }
}

/// A query parameter the listing refused, as the field it came from.
fn refused_param(e: &OrderError) -> Option<&'static str> {
    match e {
        OrderError::InvalidQuery { param, .. } => Some(param),
        _ => None,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let asked = Asked::of(&req);
    // Days the browser's date input did not write are the page's to mark.
    let from = (!asked.from.trim().is_empty()).then(|| when::day(&asked.from));
    let to = (!asked.to.trim().is_empty()).then(|| when::day(&asked.to));
    let mut unread = Vec::new();
    if from == Some(None) {
        unread.push("created_from");
    }
    if to == Some(None) {
        unread.push("created_to");
    }
    if !unread.is_empty() {
        let page = page(&p, &asked, Some(Refusal::local(&p, &unread)));
        return p.render_status(actix_web::http::StatusCode::BAD_REQUEST, &page);
    }
    let (from, to) = (from.flatten(), to.flatten());
    let q = asked.clone();
    let found = tenant
        .run(&p.state, move |conn| {
            let tz = when::zone(conn)?;
            let parsed = ListFilter::parse(ListQuery {
                status: Some(q.status),
                email: Some(q.email),
                created_from: from.and_then(|d| when::start_of(d, tz)),
                created_to: to.and_then(|d| when::end_of(d, tz)),
                limit: None,
                cursor: q.cursor,
            });
            match parsed {
                Ok(filter) => Ok::<_, AppError>((tz, Ok(orders::list(conn, Scope::All, &filter)?))),
                Err(e) => Ok((tz, Err(e))),
            }
        })
        .await
        .map_err(|e| p.fail(e))?;
    match found {
        (tz, Ok(listed)) => {
            let mut page = page(&p, &asked, None);
            page.next_href = listed.next_cursor.as_deref().map(|c| asked.href(Some(c)));
            page.rows = listed.items.into_iter().map(|o| row(&p, tz, o)).collect();
            p.render(&page)
        }
        // A filter the listing refused, or a cursor tampered with: the
        // filters again, the refused one marked.
        (_, Err(e)) => {
            let field = refused_param(&e);
            let refused = refusal(&p, e)?;
            let refused = match field {
                Some(f) => refused.with_fields(&[f]),
                None => refused,
            };
            let status = refused.status;
            p.render_status(status, &page(&p, &asked, Some(refused)))
        }
    }
}

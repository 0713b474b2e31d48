//! /admin/shop/orders/{id}: one order (lines, totals, buyer and address,
//! payment, history, prescription) and a button for each status its
//! current one may become, posted with an optional note to the orders
//! library's `change_status`, as the API's handler posts it. A move the
//! order does not allow (someone moved it meanwhile), or a shipment whose
//! prescription is not approved, is the page again with the reason.

use actix_web::{web, HttpRequest};
use askama::Template;
use chrono_tz::Tz;
use kernel::error::AppError;
use serde_json::Value;
use stores::orders::{self, Access, OrderDetail, OrderStatus, StatusBody, StatusChange};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::ui::Field;
use super::super::{flag, id_of, when};
use super::{rx_label, status_label};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageResult};

pub struct Line {
    pub name: String,
    pub sku: String,
    pub attributes: String,
    /// "2 × 12.50 EUR".
    pub each: String,
    pub total: String,
    pub rx: bool,
}

pub struct Entry {
    pub at: String,
    pub change: String,
    pub actor: String,
    pub note: Option<String>,
}

/// A status the order may move to, as its button.
pub struct Move {
    pub status: &'static str,
    pub label: String,
    pub kind: &'static str,
}

#[derive(Template)]
#[template(path = "admin/shop/order.html")]
struct OrderPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    id: Uuid,
    title: String,
    status_code: &'static str,
    status: String,
    placed: String,
    expires: Option<String>,
    name: String,
    email: String,
    phone: String,
    address: Vec<String>,
    lines: Vec<Line>,
    subtotal: String,
    /// The discount with its coupon's code, when there is one.
    discount: Option<(String, String)>,
    total: String,
    provider: String,
    payment: Option<String>,
    rx: Option<String>,
    /// Whether a prescription waits for staff.
    rx_pending: bool,
    moves: Vec<Move>,
    note: Field,
    history: Vec<Entry>,
    invoice: bool,
}

/// Each status staff may move an order to, and its button's look.
const KINDS: [(OrderStatus, &str); 6] = [
    (OrderStatus::Paid, ""),
    (OrderStatus::Processing, ""),
    (OrderStatus::Shipped, ""),
    (OrderStatus::Delivered, ""),
    (OrderStatus::Refunded, "quiet"),
    (OrderStatus::Cancelled, "danger"),
];

/// The address's parts, one per line, as the checkout stored them.
fn address_lines(address: &Value) -> Vec<String> {
    let part = |name: &str| {
        address
            .get(name)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let town = [part("postal_code"), part("city")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        part("line1"),
        part("line2"),
        Some(town).filter(|t| !t.is_empty()),
        part("region"),
        part("country"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// `{"color": "blue", "size": "M"}` as `color: blue · size: M`.
fn attributes(values: &Value) -> String {
    values
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

fn actor(p: &Page, actor: orders::Actor) -> String {
    p.t(&format!("admin-shop-actor-{}", actor.as_str()))
}

fn page<'a>(
    p: &'a Page,
    tz: Tz,
    d: OrderDetail,
    notice: Option<Notice>,
    note: Field,
) -> OrderPage<'a> {
    let o = &d.order;
    let money = |cents: i64| p.fmt.price(cents, &o.currency);
    let moves = KINDS
        .iter()
        .filter(|(to, _)| o.status.can_become(*to))
        .map(|(to, kind)| Move {
            status: to.as_str(),
            label: p.t(&format!("admin-shop-move-{}", to.as_str())),
            kind,
        })
        .collect();
    let lines = d
        .lines
        .iter()
        .map(|l| Line {
            name: l.name.clone(),
            sku: l.sku.clone(),
            attributes: attributes(&l.attributes),
            each: p.t2(
                "admin-shop-order-times",
                ("quantity", &p.fmt.number(i64::from(l.quantity))),
                ("unit", &money(l.unit_price_cents)),
            ),
            total: money(l.line_total_cents),
            rx: l.requires_prescription,
        })
        .collect();
    let history = d
        .history
        .iter()
        .map(|h| Entry {
            at: when::at(p, tz, h.created_at),
            change: match h.from_status {
                Some(from) => p.t2(
                    "admin-shop-history-moved",
                    ("from", &status_label(p, from)),
                    ("to", &status_label(p, h.to_status)),
                ),
                None => p.t1(
                    "admin-shop-history-placed",
                    "status",
                    status_label(p, h.to_status),
                ),
            },
            actor: actor(p, h.actor),
            note: h.note.clone(),
        })
        .collect();
    let payment = d.payment.as_ref().map(|pay| {
        let mut said = p.t2(
            "admin-shop-payment-received",
            ("amount", &p.fmt.price(pay.amount_cents, &pay.currency)),
            ("at", &when::at(p, tz, pay.created_at)),
        );
        if let Some(reference) = &pay.provider_ref {
            said = format!("{said} · {reference}");
        }
        said
    });
    OrderPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Orders),
        csrf_token: p.csrf_token(),
        notice,
        id: o.id,
        title: p.t1(
            "admin-shop-order-numbered",
            "number",
            p.fmt.number(o.number),
        ),
        status_code: o.status.as_str(),
        status: status_label(p, o.status),
        placed: when::at(p, tz, o.created_at),
        expires: o
            .expires_at
            .filter(|_| o.status == OrderStatus::PendingPayment)
            .map(|t| when::at(p, tz, t)),
        name: o.name.clone(),
        email: o.email.clone(),
        phone: d.phone.clone().unwrap_or_default(),
        address: address_lines(&d.shipping_address),
        lines,
        subtotal: money(o.subtotal_cents),
        discount: (o.discount_cents > 0).then(|| {
            (
                money(o.discount_cents),
                o.coupon_code.clone().unwrap_or_default(),
            )
        }),
        total: money(o.total_cents),
        provider: p.t(&format!("admin-shop-provider-{}", o.payment_provider)),
        payment,
        rx: o.prescription_status.as_deref().map(|s| rx_label(p, s)),
        rx_pending: o.prescription_status.as_deref() == Some("pending_review"),
        moves,
        note,
        history,
        invoice: o.paid_at.is_some(),
    }
}

fn note_field(p: &Page, value: String, error: Option<String>) -> Field {
    Field::area("note", p.t("admin-shop-move-note"), value, 2)
        .max(orders::MAX_NOTE_CHARS)
        .hint(p.t("admin-shop-move-note-hint"))
        .error(error)
}

/// The order as staff see it, with the site's time zone.
async fn load(
    p: &Page,
    tenant: &CurrentTenant,
    user: Uuid,
    id: Uuid,
) -> Result<(Tz, OrderDetail), crate::pages::layer::PageError> {
    tenant
        .run(&p.state, move |conn| {
            let tz = when::zone(conn)?;
            let order = orders::view(conn, &Access::staff(user), id)?;
            Ok::<_, AppError>((tz, order))
        })
        .await
        .map_err(|e| p.fail(e))
}

/// GET /admin/shop/orders/{id}
pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "order_not_found")?;
    let (tz, order) = load(&p, &tenant, user.user_id, id).await?;
    let notice = flag(&req, "moved").then(|| Notice::ok(p.t("admin-shop-order-moved")));
    let note = note_field(&p, String::new(), None);
    p.render(&page(&p, tz, order, notice, note))
}

/// POST /admin/shop/orders/{id}/status: `status` (the button pressed)
/// and an optional `note`; 303 back to the order.
pub async fn move_to(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "order_not_found")?;
    let change = StatusChange::by_staff(
        StatusBody {
            status: f.raw("status"),
            note: f.get("note").map(str::to_string),
        },
        user.user_id,
    );
    let done = match change {
        Ok(change) => {
            let site = site.0;
            tenant
                .run(&p.state, move |conn| {
                    orders::change_status(conn, &site, id, &change)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/shop/orders/{id}?moved=1"))),
        Err(e) => {
            let refused: Refusal = refusal(&p, e)?;
            let (tz, order) = load(&p, &tenant, user.user_id, id).await?;
            let note_error = refused.has("note").then(|| p.t("admin-shop-error-note"));
            let note = note_field(&p, f.raw("note"), note_error);
            let status = refused.status;
            let page = page(&p, tz, order, Some(refused.notice), note);
            p.render_status(status, &page)
        }
    }
}

//! An order as its page shows it: number, status, lines, totals, where it
//! goes, how to pay it (a manual payment's instructions, for its buyer
//! while it waits for payment), the prescription it waits for, and its
//! history, dated in the site's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use diesel::PgConnection;
use kernel::error::AppError;
use serde_json::Value;
use stores::orders::{self, Access, OrderDetail, OrderStatus};
use stores::payments::start;
use stores::payments::ProviderKind;
use uuid::Uuid;

use super::cart::details;
use crate::pages::layer::Page;

pub struct LineRow {
    /// "2 × Mug".
    pub label: String,
    pub details: String,
    pub unit_price: String,
    pub total: String,
}

pub struct HistoryRow {
    pub status: String,
    pub when: String,
    pub note: Option<String>,
}

/// How to pay: shown to the buyer while the order waits for payment.
pub struct PayBox {
    /// The shop's words (bank details, cash on delivery), if it wrote any.
    pub instructions: Option<String>,
    pub until: Option<String>,
}

pub struct OrderShown {
    pub id: Uuid,
    pub number: String,
    pub status_code: &'static str,
    pub status: String,
    pub placed: String,
    pub lines: Vec<LineRow>,
    pub subtotal: String,
    pub discount: Option<String>,
    pub coupon: Option<String>,
    pub total: String,
    pub address: Vec<String>,
    pub pay: Option<PayBox>,
    /// The prescription's state, worded, when a line needs one.
    pub prescription: Option<String>,
    pub can_upload: bool,
    pub history: Vec<HistoryRow>,
    /// The last history entry's id: the live stream starts after it.
    pub last_event: i64,
}

/// What the page needs from the database, read in one transaction.
pub struct Loaded {
    pub detail: OrderDetail,
    pub tz: Tz,
    pub buyer: bool,
    pub pay: Option<Option<String>>,
}

/// The order if `access` may see it (else `order_not_found`, as for one
/// that does not exist), with a manual payment's instructions for its
/// buyer. The instructions are the answer `POST /orders/{id}/pay` gives
/// for the manual provider, which calls no one; a card payment starts only
/// when its buyer asks, never on a page view.
pub fn load(
    conn: &mut PgConnection,
    access: &Access,
    order_id: Uuid,
    api_url: &str,
) -> Result<Loaded, AppError> {
    let row = orders::find_visible(conn, access, order_id)?;
    let detail = orders::view(conn, access, order_id)?;
    let tz = bookings::settings::get(conn)?.tz();
    let buyer = access.is_buyer_of(&row);
    let manual = ProviderKind::parse(&row.payment_provider) == Some(ProviderKind::Manual);
    let pay = if buyer && manual && row.status == OrderStatus::PendingPayment {
        let answer = start::prepare(conn, access, order_id, api_url)?.start()?;
        Some(answer.instructions)
    } else {
        None
    };
    Ok(Loaded {
        detail,
        tz,
        buyer,
        pay,
    })
}

fn when(p: &Page, tz: Tz, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&tz);
    p.t2(
        "shop-at",
        ("date", &p.fmt.full_date(local.date_naive())),
        ("time", &p.fmt.time(local.time())),
    )
}

pub fn status_label(p: &Page, status: OrderStatus) -> String {
    p.t(&format!("shop-status-{}", status.as_str()))
}

/// The address's parts, one per line, as stored.
fn address(value: &Value) -> Vec<String> {
    let part = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
    let city = [part("postal_code"), part("city")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        part("line1"),
        part("line2"),
        Some(city).filter(|c| !c.is_empty()),
        part("region"),
        part("country"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn shown(p: &Page, l: &Loaded) -> OrderShown {
    let o = &l.detail.order;
    let price = |cents: i64| p.fmt.price(cents, &o.currency);
    let prescription = o
        .prescription_status
        .as_deref()
        .map(|s| p.t(&format!("shop-prescription-{s}")));
    let open = matches!(
        o.status,
        OrderStatus::PendingPayment | OrderStatus::Paid | OrderStatus::Processing
    );
    OrderShown {
        id: o.id,
        number: p.fmt.number(o.number),
        status_code: o.status.as_str(),
        status: status_label(p, o.status),
        placed: when(p, l.tz, o.created_at),
        lines: l
            .detail
            .lines
            .iter()
            .map(|line| LineRow {
                label: p.t2(
                    "shop-times",
                    ("quantity", &p.fmt.number(i64::from(line.quantity))),
                    ("name", &line.name),
                ),
                details: details(&line.attributes),
                unit_price: price(line.unit_price_cents),
                total: price(line.line_total_cents),
            })
            .collect(),
        subtotal: price(o.subtotal_cents),
        discount: (o.discount_cents > 0).then(|| price(o.discount_cents)),
        coupon: o.coupon_code.clone(),
        total: price(o.total_cents),
        address: address(&l.detail.shipping_address),
        pay: l.pay.clone().map(|instructions| PayBox {
            instructions,
            until: o.expires_at.map(|at| when(p, l.tz, at)),
        }),
        can_upload: l.buyer && open && o.prescription_status.as_deref() == Some("awaiting_upload"),
        prescription,
        history: l
            .detail
            .history
            .iter()
            .map(|h| HistoryRow {
                status: status_label(p, h.to_status),
                when: when(p, l.tz, h.created_at),
                note: h.note.clone(),
            })
            .collect(),
        last_event: l.detail.history.iter().map(|h| h.id).max().unwrap_or(0),
    }
}

//! An order as it is stored and as the API shows it: the summary lists
//! carry, and the detail with its lines, history and payment.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::status::{Actor, OrderStatus};
use crate::schema::{order_events, order_lines, orders, payments};

/// An order's row, less what no reader needs (its cart).
#[derive(Debug, Clone, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct OrderRow {
    pub id: Uuid,
    pub number: i64,
    pub customer_id: Option<Uuid>,
    pub status: OrderStatus,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub shipping_address: Value,
    pub currency: String,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub coupon_id: Option<Uuid>,
    pub coupon_code: Option<String>,
    pub payment_provider: String,
    pub tracking_token_hash: Vec<u8>,
    pub prescription_status: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What was bought, as it was at checkout.
#[derive(Debug, Clone, Serialize, Deserialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = order_lines, check_for_backend(diesel::pg::Pg))]
pub struct OrderLine {
    pub id: Uuid,
    pub position: i32,
    /// Null once the variant was deleted.
    pub variant_id: Option<Uuid>,
    pub product_id: Option<Uuid>,
    pub sku: String,
    pub name: String,
    /// The variant's attributes: `{"color": "red", "size": "M"}`.
    #[schema(value_type = Object)]
    pub attributes: Value,
    pub unit_price_cents: i64,
    pub quantity: i32,
    pub line_total_cents: i64,
    pub requires_prescription: bool,
}

/// One change of status: who made it and why.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = order_events, check_for_backend(diesel::pg::Pg))]
pub struct HistoryEntry {
    pub id: i64,
    /// Null for the order's first entry (its checkout).
    pub from_status: Option<OrderStatus>,
    pub to_status: OrderStatus,
    pub actor: Actor,
    /// The staff member's account; shown to the site's team only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_user_id: Option<Uuid>,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The order's payment, once the provider (or staff, for a manual one)
/// recorded it.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = payments, check_for_backend(diesel::pg::Pg))]
pub struct PaymentView {
    pub provider: String,
    /// The provider's id of the payment (a payment intent).
    pub provider_ref: Option<String>,
    pub amount_cents: i64,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

/// An order as lists, webhooks and the detail's top show it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OrderSummary {
    pub id: Uuid,
    /// The shop's order number: 1, 2, 3 ... without gaps.
    pub number: i64,
    pub status: OrderStatus,
    /// The customer's record, when a signed-in customer ordered.
    pub customer_id: Option<Uuid>,
    pub email: String,
    pub name: String,
    /// ISO 4217; every amount is in its minor unit (cents).
    pub currency: String,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub coupon_code: Option<String>,
    /// manual or stripe.
    pub payment_provider: String,
    /// Null when no line needs one; else awaiting_upload, pending_review,
    /// approved or rejected.
    pub prescription_status: Option<String>,
    /// An unpaid order is cancelled, and its stock released, after this.
    pub expires_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&OrderRow> for OrderSummary {
    fn from(o: &OrderRow) -> Self {
        OrderSummary {
            id: o.id,
            number: o.number,
            status: o.status,
            customer_id: o.customer_id,
            email: o.email.clone(),
            name: o.name.clone(),
            currency: o.currency.clone(),
            subtotal_cents: o.subtotal_cents,
            discount_cents: o.discount_cents,
            total_cents: o.total_cents,
            coupon_code: o.coupon_code.clone(),
            payment_provider: o.payment_provider.clone(),
            prescription_status: o.prescription_status.clone(),
            expires_at: o.expires_at,
            paid_at: o.paid_at,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// One order with everything about it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrderDetail {
    #[serde(flatten)]
    pub order: OrderSummary,
    pub phone: Option<String>,
    #[schema(value_type = Object)]
    pub shipping_address: Value,
    pub lines: Vec<OrderLine>,
    /// Every change of status, oldest first.
    pub history: Vec<HistoryEntry>,
    pub payment: Option<PaymentView>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = OrderPage)]
pub struct Page {
    pub items: Vec<OrderSummary>,
    /// Pass as `cursor` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

/// What an order's webhook events carry: the order, its lines, and the
/// change that set the event off.
#[derive(Debug, Clone, Serialize)]
pub struct OrderEventData<'a> {
    #[serde(flatten)]
    pub order: OrderSummary,
    pub lines: &'a [OrderLine],
    pub previous_status: Option<OrderStatus>,
    pub note: Option<&'a str>,
}

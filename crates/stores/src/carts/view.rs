//! A cart as the customer sees it: each line with its product's name, the
//! variant's attributes, today's price and what is left in stock.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::access::CartAccess;
use super::error::CartError;
use super::model::CartStatus;
use super::repo::{self, CartRow};
use crate::schema::{cart_items, products, variants};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Cart)]
pub struct CartView {
    pub id: Uuid,
    pub status: CartStatus,
    /// The currency of the cart's products; null while the cart is empty.
    pub currency: Option<String>,
    /// In the order they were added.
    pub lines: Vec<CartLine>,
    /// The sum of the line totals.
    pub subtotal_cents: i64,
    /// Units in the cart, all lines together.
    pub item_count: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CartLine {
    pub variant_id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's attributes, such as `{"color": "red", "size": "M"}`.
    #[schema(value_type = Object)]
    pub attributes: Value,
    /// The variant's price, or the product's base price when it has none.
    pub unit_price_cents: i64,
    pub quantity: i32,
    pub line_total_cents: i64,
    /// In stock now; 0 when the product or variant is no longer on sale.
    /// Not held for the cart: checkout takes it, if it is still there.
    pub available: i32,
}

#[derive(Queryable)]
struct LineRow {
    variant_id: Uuid,
    product_id: Uuid,
    sku: String,
    name: String,
    attributes: Value,
    price_cents: Option<i64>,
    base_price_cents: i64,
    quantity: i32,
    stock: i32,
    on_sale: bool,
    currency: String,
}

/// The cart `access` opens, as it now is.
pub fn view(conn: &mut PgConnection, id: Uuid, access: &CartAccess) -> Result<CartView, CartError> {
    let cart = repo::find(conn, id, access)?;
    load(conn, &cart)
}

pub(crate) fn load(conn: &mut PgConnection, cart: &CartRow) -> Result<CartView, CartError> {
    let rows: Vec<LineRow> = cart_items::table
        .inner_join(variants::table.inner_join(products::table))
        .filter(cart_items::cart_id.eq(cart.id))
        .order((cart_items::added_at, cart_items::variant_id))
        .select((
            variants::id,
            products::id,
            variants::sku,
            products::name,
            variants::attributes,
            variants::price_cents,
            products::base_price_cents,
            cart_items::quantity,
            variants::stock,
            variants::active.and(products::active),
            products::currency,
        ))
        .load(conn)?;
    let currency = rows.first().map(|r| r.currency.clone());
    let lines: Vec<CartLine> = rows.into_iter().map(CartLine::from).collect();
    Ok(CartView {
        id: cart.id,
        status: cart.status,
        currency,
        // Saturating: a price no shop charges must not overflow a view.
        subtotal_cents: lines
            .iter()
            .fold(0i64, |sum, l| sum.saturating_add(l.line_total_cents)),
        item_count: lines.iter().map(|l| i64::from(l.quantity)).sum(),
        lines,
    })
}

impl From<LineRow> for CartLine {
    fn from(r: LineRow) -> Self {
        let unit = r.price_cents.unwrap_or(r.base_price_cents);
        CartLine {
            variant_id: r.variant_id,
            product_id: r.product_id,
            sku: r.sku,
            name: r.name,
            attributes: r.attributes,
            unit_price_cents: unit,
            quantity: r.quantity,
            line_total_cents: unit.saturating_mul(i64::from(r.quantity)),
            available: if r.on_sale { r.stock } else { 0 },
        }
    }
}

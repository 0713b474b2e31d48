//! Checkout's queries: few round trips, each lock taken in the order the
//! module's doc gives. Table names are unqualified: they run inside a
//! tenant transaction whose search_path picks the tenant's schema.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{
    Binary, Bool, Int4, Int8, Jsonb, Nullable, Text, Timestamptz, Uuid as SqlUuid,
};
use serde_json::Value;
use uuid::Uuid;

use super::error::CheckoutError;
use super::model::PlacedLine;
use crate::carts::repo::{self as carts_repo, CartRow};
use crate::carts::{CartAccess, CartError, CartStatus};
use crate::orders::OrderRow as Placed;
use crate::schema::{order_lines, orders};
use kernel::db::Kept;
use kernel::error::AppError;

/// Closes the cart for checkout: it is `checked_out` from here on (undone
/// with the rest if the checkout fails). The row stays locked, so a second
/// checkout of the cart waits and then finds it checked out. The condition
/// is `CartAccess::opens`, written out so the statement is kept prepared.
const CLOSE_CART_SQL: &str = "\
UPDATE carts SET status = 'checked_out', updated_at = now()
WHERE id = $1 AND (token_hash = $2 OR customer_id = $3) AND status = 'open'
RETURNING id, customer_id";

#[derive(QueryableByName)]
struct ClosedCart {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    customer_id: Option<Uuid>,
}

pub(crate) fn close_cart(
    conn: &mut PgConnection,
    id: Uuid,
    access: &CartAccess,
) -> Result<CartRow, CheckoutError> {
    let closed: Option<ClosedCart> = Kept::new(CLOSE_CART_SQL)
        .bind::<SqlUuid, _>(id)
        .bind::<Binary, _>(access.token_hash())
        .bind::<Nullable<SqlUuid>, _>(access.customer_id())
        .get_result(conn)
        .optional()?;
    if let Some(cart) = closed {
        return Ok(CartRow {
            id: cart.id,
            customer_id: cart.customer_id,
            status: CartStatus::CheckedOut,
        });
    }
    // Why not: unknown or not the caller's, or no longer open.
    carts_repo::find(conn, id, access)?.ensure_open()?;
    Err(CartError::NotFound.into())
}

/// A cart line with its variant locked, and what the order snapshots.
#[derive(Debug, Clone, QueryableByName)]
pub(crate) struct LockedLine {
    #[diesel(sql_type = SqlUuid)]
    pub variant_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub product_id: Uuid,
    #[diesel(sql_type = Text)]
    pub sku: String,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Jsonb)]
    pub attributes: Value,
    #[diesel(sql_type = Int8)]
    pub unit_price_cents: i64,
    #[diesel(sql_type = Int4)]
    pub quantity: i32,
    #[diesel(sql_type = Int4)]
    pub stock: i32,
    #[diesel(sql_type = Bool)]
    pub on_sale: bool,
    #[diesel(sql_type = Text)]
    pub currency: String,
    #[diesel(sql_type = Bool)]
    pub requires_prescription: bool,
    #[diesel(sql_type = Timestamptz)]
    pub added_at: DateTime<Utc>,
}

/// The cart's lines, their variants locked in id order: two checkouts that
/// share variants take them in the same order, so one waits for the other
/// rather than each holding what the other needs. Only the variants are
/// locked (`OF v`): checkouts of different variants of one product never
/// queue on the product. The sort key never changes, so rows come back in
/// it even when a lock waited for another checkout's change.
const LOCK_LINES_SQL: &str = "\
SELECT v.id AS variant_id, p.id AS product_id, v.sku, p.name, v.attributes,
       coalesce(v.price_cents, p.base_price_cents) AS unit_price_cents,
       ci.quantity, v.stock, v.active AND p.active AS on_sale, p.currency,
       p.requires_prescription, ci.added_at
FROM cart_items ci
JOIN variants v ON v.id = ci.variant_id
JOIN products p ON p.id = v.product_id
WHERE ci.cart_id = $1
ORDER BY v.id
FOR UPDATE OF v";

pub(crate) fn lock_lines(conn: &mut PgConnection, cart_id: Uuid) -> QueryResult<Vec<LockedLine>> {
    Kept::new(LOCK_LINES_SQL)
        .bind::<SqlUuid, _>(cart_id)
        .load(conn)
}

/// Takes a line's quantity from its (locked) variant. The guard keeps
/// stock from going negative whatever the code before it did.
const TAKE_STOCK_SQL: &str = "\
UPDATE variants SET stock = stock - $2, updated_at = now()
WHERE id = $1 AND stock >= $2";

/// Takes every line's quantity, one statement per line (a one-line cart,
/// the usual one, is one round trip), in product order: a variant whose
/// stock reaches zero updates its product's summary row (the variants'
/// trigger), so two checkouts that empty variants of the same products
/// take those rows in the same order too.
pub(crate) fn take_stock(
    conn: &mut PgConnection,
    lines: &[LockedLine],
) -> Result<(), CheckoutError> {
    let mut order: Vec<&LockedLine> = lines.iter().collect();
    order.sort_by_key(|l| (l.product_id, l.variant_id));
    for line in order {
        let taken = Kept::new(TAKE_STOCK_SQL)
            .bind::<SqlUuid, _>(line.variant_id)
            .bind::<Int4, _>(line.quantity)
            .execute(conn)?;
        if taken != 1 {
            return Err(AppError::internal(format!(
                "stock of locked variant {} did not cover {}",
                line.variant_id, line.quantity
            ))
            .into());
        }
    }
    Ok(())
}

/// Everything the order row and its companions hold but the number.
pub(crate) struct NewOrder<'a> {
    pub id: Uuid,
    pub customer_id: Option<Uuid>,
    pub cart_id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub shipping_address: Value,
    pub currency: &'a str,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub coupon_id: Option<Uuid>,
    pub coupon_code: Option<&'a str>,
    pub tracking_token_hash: &'a [u8],
    pub prescription_status: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
    /// `[{id, position, variant_id, product_id, sku, name, attributes,
    /// unit_price_cents, quantity, line_total_cents, requires_prescription}]`
    pub lines: Value,
    pub key: Option<&'a str>,
}

/// One statement, the checkout's last but one (its jobs follow): the next
/// order number, the order (paid through the shop's provider, `manual` when
/// none is set), its lines, its coupon use, its first history entry, and
/// the key that placed it. The counter row is every checkout's of the tenant, so it is taken
/// here, at the very end: it is held for this statement, the jobs' and the
/// commit only, and a checkout that fails before it takes no number (no
/// gaps).
/// Foreign keys are checked at the end of the statement, when the order
/// row is there.
const PLACE_ORDER_SQL: &str = "\
WITH numbered AS (
    UPDATE order_counter SET last_number = last_number + 1 RETURNING last_number
), placed AS (
    INSERT INTO orders (id, number, customer_id, cart_id, status, email, name, phone,
        shipping_address, currency, subtotal_cents, discount_cents, total_cents, coupon_id,
        coupon_code, payment_provider, tracking_token_hash, prescription_status, expires_at)
    SELECT $1, numbered.last_number, $2, $3, 'pending_payment', $4, $5, $6, $7, $8, $9, $10, $11,
        $12, $13, coalesce((SELECT provider FROM payment_settings), 'manual'), $14, $15, $16
    FROM numbered
    RETURNING *
), lines AS (
    INSERT INTO order_lines (id, order_id, position, variant_id, product_id, sku, name,
        attributes, unit_price_cents, quantity, line_total_cents, requires_prescription)
    SELECT l.id, placed.id, l.position, l.variant_id, l.product_id, l.sku, l.name, l.attributes,
        l.unit_price_cents, l.quantity, l.line_total_cents, l.requires_prescription
    FROM placed, jsonb_to_recordset($17) AS l(id uuid, position integer, variant_id uuid,
        product_id uuid, sku text, name text, attributes jsonb, unit_price_cents bigint,
        quantity integer, line_total_cents bigint, requires_prescription boolean)
), redeemed AS (
    INSERT INTO coupon_redemptions (coupon_id, order_id, email)
    SELECT $12, placed.id, $4 FROM placed WHERE $12 IS NOT NULL
), history AS (
    INSERT INTO order_events (order_id, from_status, to_status, actor)
    SELECT placed.id, NULL, 'pending_payment', 'customer' FROM placed
), keyed AS (
    UPDATE checkout_keys SET order_id = placed.id FROM placed WHERE checkout_keys.key = $18
)
SELECT * FROM placed";

/// Answers the order's row, as the mail and the event show it.
pub(crate) fn place_order(conn: &mut PgConnection, o: &NewOrder) -> QueryResult<Placed> {
    Kept::new(PLACE_ORDER_SQL)
        .bind::<SqlUuid, _>(o.id)
        .bind::<Nullable<SqlUuid>, _>(o.customer_id)
        .bind::<SqlUuid, _>(o.cart_id)
        .bind::<Text, _>(o.email)
        .bind::<Text, _>(o.name)
        .bind::<Nullable<Text>, _>(o.phone)
        .bind::<Jsonb, _>(&o.shipping_address)
        .bind::<Text, _>(o.currency)
        .bind::<Int8, _>(o.subtotal_cents)
        .bind::<Int8, _>(o.discount_cents)
        .bind::<Int8, _>(o.total_cents)
        .bind::<Nullable<SqlUuid>, _>(o.coupon_id)
        .bind::<Nullable<Text>, _>(o.coupon_code)
        .bind::<Binary, _>(o.tracking_token_hash)
        .bind::<Nullable<Text>, _>(o.prescription_status)
        .bind::<Timestamptz, _>(o.expires_at)
        .bind::<Jsonb, _>(&o.lines)
        .bind::<Nullable<Text>, _>(o.key)
        .get_result(conn)
}

/// An order as a replayed checkout answers it.
#[derive(Queryable)]
pub(crate) struct OrderRow {
    pub id: Uuid,
    pub number: i64,
    pub status: String,
    pub total_cents: i64,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub currency: String,
    pub payment_provider: String,
    pub expires_at: Option<DateTime<Utc>>,
}

/// The order with a new tracking token hash, and its lines in order.
pub(crate) fn reissue(
    conn: &mut PgConnection,
    order_id: Uuid,
    tracking_token_hash: &[u8],
) -> QueryResult<(OrderRow, Vec<PlacedLine>)> {
    let order: OrderRow = diesel::update(orders::table.find(order_id))
        .set(orders::tracking_token_hash.eq(tracking_token_hash))
        .returning((
            orders::id,
            orders::number,
            orders::status,
            orders::total_cents,
            orders::subtotal_cents,
            orders::discount_cents,
            orders::currency,
            orders::payment_provider,
            orders::expires_at,
        ))
        .get_result(conn)?;
    let lines = order_lines::table
        .filter(order_lines::order_id.eq(order_id))
        .order(order_lines::position)
        .select((
            order_lines::sku,
            order_lines::name,
            order_lines::attributes,
            order_lines::unit_price_cents,
            order_lines::quantity,
            order_lines::line_total_cents,
        ))
        .load::<(String, String, Value, i64, i32, i64)>(conn)?
        .into_iter()
        .map(
            |(sku, name, attributes, unit_price_cents, quantity, line_total_cents)| PlacedLine {
                sku,
                name,
                attributes,
                unit_price_cents,
                quantity,
                line_total_cents,
            },
        )
        .collect();
    Ok((order, lines))
}

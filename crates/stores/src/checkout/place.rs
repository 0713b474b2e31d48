//! `POST /carts/{id}/checkout`: the cart becomes an order waiting for
//! payment, its stock held until the order is paid or expires.

use chrono::{Duration, SubsecRound, Utc};
use diesel::pg::PgConnection;
use notify::{outbox, webhooks};
use tenancy::Site;
use uuid::Uuid;

use super::announce::announcement;
use super::error::{CheckoutError, ShortLine};
use super::idempotency::{self, CheckoutKey, Claim};
use super::model::{CheckoutInput, PlacedLine, PlacedOrder};
use super::repo::{self, LockedLine, NewOrder};
use crate::carts::repo as carts_repo;
use crate::carts::CartAccess;
use crate::coupons;
use crate::orders::{events, OrderLine};
use identity::secrets;

/// A checkout as the client asked for it.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub cart_id: Uuid,
    pub access: CartAccess,
    pub input: CheckoutInput,
    pub idempotency_key: Option<CheckoutKey>,
    /// How long the order holds its stock unpaid (STORE_ORDER_HOLD_MINUTES).
    pub hold_minutes: i64,
}

/// Places the order in the caller's transaction and announces it, or fails
/// with nothing changed: in order, the key is claimed, the cart closed, its
/// variants locked and checked, the stock taken, the coupon used, the
/// webhook subscribers looked up, the order written under the next number,
/// and last its jobs queued (expiry, the buyer's mail, `order.created`) in
/// one statement. Only those two statements and the commit run while the
/// tenant's order counter is held. A replay (same Idempotency-Key)
/// announces nothing again.
pub fn check_out_and_announce(
    conn: &mut PgConnection,
    site: &Site,
    req: &CheckoutRequest,
) -> Result<PlacedOrder, CheckoutError> {
    if let Some(key) = &req.idempotency_key {
        if let Claim::Placed(order_id) = idempotency::claim(conn, key)? {
            // The key alone opens nothing: the caller must still hold the cart.
            carts_repo::find(conn, req.cart_id, &req.access)?;
            return replay(conn, order_id);
        }
    }
    let cart = repo::close_cart(conn, req.cart_id, &req.access)?;
    let mut lines = repo::lock_lines(conn, cart.id)?;
    if lines.is_empty() {
        return Err(CheckoutError::Empty);
    }
    // Locked by id; shown and numbered in the order they went into the cart.
    lines.sort_by_key(|l| (l.added_at, l.variant_id));
    let short = short_lines(&lines);
    if !short.is_empty() {
        return Err(CheckoutError::OutOfStock(short));
    }
    let currency = lines[0].currency.clone();
    if lines.iter().any(|l| l.currency != currency) {
        return Err(CheckoutError::MixedCurrencies);
    }
    let (stored, placed_lines, subtotal) = snapshot(&lines)?;
    repo::take_stock(conn, &lines)?;
    let input = &req.input;
    let now = Utc::now();
    let applied = match &input.coupon {
        Some(code) => Some(coupons::redeem(
            conn,
            code,
            subtotal,
            input.email.as_str(),
            now,
        )?),
        None => None,
    };
    let discount = applied.as_ref().map_or(0, |a| a.discount_cents);
    let order_id = Uuid::new_v4();
    // To the microsecond, as PostgreSQL keeps it: a replay answers the same.
    let expires_at = (now + Duration::minutes(req.hold_minutes)).trunc_subsecs(6);
    // Asked before the counter is taken, so it is held as briefly as can be.
    let subscribers = webhooks::subscribers(conn, events::CREATED)?;
    let token = secrets::generate();
    let shipping_address =
        serde_json::to_value(&input.shipping_address).map_err(kernel::error::AppError::internal)?;
    let needs_prescription = lines.iter().any(|l| l.requires_prescription);
    let snapshot = serde_json::to_value(&stored).map_err(kernel::error::AppError::internal)?;
    let order = repo::place_order(
        conn,
        &NewOrder {
            id: order_id,
            customer_id: req.access.customer_id().or(cart.customer_id),
            cart_id: cart.id,
            email: input.email.as_str(),
            name: input.name.as_str(),
            phone: input.phone.as_ref().map(|p| p.as_str()),
            shipping_address,
            currency: &currency,
            subtotal_cents: subtotal,
            discount_cents: discount,
            total_cents: subtotal - discount,
            coupon_id: applied.as_ref().map(|a| a.coupon_id),
            coupon_code: applied.as_ref().map(|a| a.code.as_str()),
            tracking_token_hash: &token.hash,
            prescription_status: needs_prescription.then_some("awaiting_upload"),
            expires_at,
            lines: snapshot,
            key: req.idempotency_key.as_ref().map(CheckoutKey::as_str),
        },
    )?;
    let jobs = announcement(site, &subscribers, &order, &stored)?;
    outbox::enqueue_all(conn, &jobs)?;
    Ok(PlacedOrder {
        id: order_id,
        number: order.number,
        status: "pending_payment".into(),
        total_cents: subtotal - discount,
        subtotal_cents: subtotal,
        discount_cents: discount,
        currency,
        lines: placed_lines,
        tracking_token: token.plain,
        payment_provider: order.payment_provider,
        expires_at: Some(expires_at),
        replayed: false,
    })
}

/// Every line the stock cannot cover, or that is no longer on sale.
fn short_lines(lines: &[LockedLine]) -> Vec<ShortLine> {
    lines
        .iter()
        .filter(|l| !l.on_sale || l.stock < l.quantity)
        .map(|l| ShortLine {
            variant_id: l.variant_id,
            sku: l.sku.clone(),
            requested: l.quantity,
            available: if l.on_sale { l.stock } else { 0 },
        })
        .collect()
}

/// The lines as the order stores them (and its mail and event show them)
/// and as the answer lists them, and the subtotal. Sums are checked: a
/// total past what a bigint holds is refused, not wrapped.
fn snapshot(lines: &[LockedLine]) -> Result<(Vec<OrderLine>, Vec<PlacedLine>, i64), CheckoutError> {
    let mut stored = Vec::with_capacity(lines.len());
    let mut placed = Vec::with_capacity(lines.len());
    let mut subtotal: i64 = 0;
    for (position, l) in lines.iter().enumerate() {
        let line_total = l
            .unit_price_cents
            .checked_mul(i64::from(l.quantity))
            .ok_or(CheckoutError::TotalTooLarge)?;
        subtotal = subtotal
            .checked_add(line_total)
            .ok_or(CheckoutError::TotalTooLarge)?;
        stored.push(OrderLine {
            id: Uuid::new_v4(),
            position: i32::try_from(position).map_err(|_| CheckoutError::TotalTooLarge)?,
            variant_id: Some(l.variant_id),
            product_id: Some(l.product_id),
            sku: l.sku.clone(),
            name: l.name.clone(),
            attributes: l.attributes.clone(),
            unit_price_cents: l.unit_price_cents,
            quantity: l.quantity,
            line_total_cents: line_total,
            requires_prescription: l.requires_prescription,
        });
        placed.push(PlacedLine {
            sku: l.sku.clone(),
            name: l.name.clone(),
            attributes: l.attributes.clone(),
            unit_price_cents: l.unit_price_cents,
            quantity: l.quantity,
            line_total_cents: line_total,
        });
    }
    Ok((stored, placed, subtotal))
}

/// The order the key placed, as it now is, with a new tracking token.
fn replay(conn: &mut PgConnection, order_id: Uuid) -> Result<PlacedOrder, CheckoutError> {
    let token = secrets::generate();
    let (order, lines) = repo::reissue(conn, order_id, &token.hash)?;
    Ok(PlacedOrder {
        id: order.id,
        number: order.number,
        status: order.status,
        total_cents: order.total_cents,
        subtotal_cents: order.subtotal_cents,
        discount_cents: order.discount_cents,
        currency: order.currency,
        lines,
        tracking_token: token.plain,
        payment_provider: order.payment_provider,
        expires_at: order.expires_at,
        replayed: true,
    })
}

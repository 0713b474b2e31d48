//! Adding, changing and removing a cart's lines. Each locks the cart row
//! first, so two changes to one cart run one after the other and the
//! stock check sees the quantity the other left.

use diesel::pg::PgConnection;
use uuid::Uuid;

use super::access::CartAccess;
use super::error::CartError;
use super::model::{ItemQuantity, NewItem, MAX_QUANTITY};
use super::repo::{self, Offer};
use super::view::{self, CartView};

/// Adds to what the cart holds of the variant (a new line if none).
pub fn add_item(
    conn: &mut PgConnection,
    cart_id: Uuid,
    access: &CartAccess,
    item: &NewItem,
) -> Result<CartView, CartError> {
    let cart = repo::lock_open(conn, cart_id, access)?;
    let offer = on_sale(conn, item.variant_id)?;
    if let Some(currency) = repo::currency_besides(conn, cart.id, offer.variant_id)? {
        if currency != offer.currency {
            return Err(CartError::CurrencyMismatch {
                cart: currency,
                variant: offer.currency,
            });
        }
    }
    let held = repo::quantity(conn, cart.id, offer.variant_id)?.unwrap_or(0);
    let total = i64::from(held) + i64::from(item.quantity.get());
    let quantity = within_limits(&offer, total)?;
    repo::put(conn, cart.id, offer.variant_id, quantity)?;
    repo::touch(conn, cart.id)?;
    view::load(conn, &cart)
}

/// Sets what the cart holds of a variant it already holds.
pub fn set_quantity(
    conn: &mut PgConnection,
    cart_id: Uuid,
    access: &CartAccess,
    variant_id: Uuid,
    quantity: ItemQuantity,
) -> Result<CartView, CartError> {
    let cart = repo::lock_open(conn, cart_id, access)?;
    if repo::quantity(conn, cart.id, variant_id)?.is_none() {
        return Err(CartError::ItemNotFound);
    }
    let offer = on_sale(conn, variant_id)?;
    let quantity = within_limits(&offer, i64::from(quantity.get()))?;
    repo::put(conn, cart.id, variant_id, quantity)?;
    repo::touch(conn, cart.id)?;
    view::load(conn, &cart)
}

/// Takes the variant out of the cart.
pub fn remove_item(
    conn: &mut PgConnection,
    cart_id: Uuid,
    access: &CartAccess,
    variant_id: Uuid,
) -> Result<CartView, CartError> {
    let cart = repo::lock_open(conn, cart_id, access)?;
    if !repo::remove(conn, cart.id, variant_id)? {
        return Err(CartError::ItemNotFound);
    }
    repo::touch(conn, cart.id)?;
    view::load(conn, &cart)
}

fn on_sale(conn: &mut PgConnection, variant_id: Uuid) -> Result<Offer, CartError> {
    repo::offer(conn, variant_id)?
        .filter(|o| o.on_sale)
        .ok_or(CartError::VariantNotFound)
}

/// `total` as a line's quantity: at most MAX_QUANTITY and what is in stock.
fn within_limits(offer: &Offer, total: i64) -> Result<i32, CartError> {
    let quantity = i32::try_from(total)
        .ok()
        .filter(|q| *q <= MAX_QUANTITY)
        .ok_or_else(|| CartError::too_many(total))?;
    if quantity > offer.stock {
        return Err(CartError::InsufficientStock {
            variant_id: offer.variant_id,
            requested: total,
            available: offer.stock,
        });
    }
    Ok(quantity)
}

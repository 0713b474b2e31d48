//! At sign-in, a guest's cart goes into the customer's: each line is added
//! to what the customer's cart holds, capped by the stock and the most one
//! line may hold, and the guest's cart is marked `merged`.

use std::collections::HashMap;

use diesel::pg::PgConnection;
use uuid::Uuid;

use super::error::CartError;
use super::model::{CartStatus, MAX_QUANTITY};
use super::open::customer_cart;
use super::repo;
use super::view::{self, CartView};
use identity::secrets;

/// Moves the items of the guest cart that `token_plain` opens into the
/// customer's open cart (made if they have none) and answers that cart.
/// Lines no longer on sale, out of stock, or in another currency than the
/// customer's cart stay behind. The guest's cart is locked before the
/// customer's, in every merge. A guest cart that is already the
/// customer's own answers as it is; another customer's cart is not found.
pub fn merge_guest_cart(
    conn: &mut PgConnection,
    guest_cart_id: Uuid,
    token_plain: &str,
    customer_id: Uuid,
) -> Result<CartView, CartError> {
    let hash = secrets::hash_presented(token_plain).ok_or(CartError::NotFound)?;
    let guest = repo::lock_by_token(conn, guest_cart_id, &hash)?.ok_or(CartError::NotFound)?;
    match guest.customer_id {
        Some(owner) if owner == customer_id && guest.status == CartStatus::Open => {
            return view::load(conn, &guest);
        }
        Some(_) => return Err(CartError::NotFound),
        None => guest.ensure_open()?,
    }
    let (target, _) = customer_cart(conn, customer_id)?;
    let mut held: HashMap<Uuid, i32> = HashMap::new();
    let mut currency = None;
    for (quantity, offer) in repo::items_with_offers(conn, target.id)? {
        currency.get_or_insert(offer.currency);
        held.insert(offer.variant_id, quantity);
    }
    for (quantity, offer) in repo::items_with_offers(conn, guest.id)? {
        if !offer.on_sale || currency.as_ref().is_some_and(|c| *c != offer.currency) {
            continue;
        }
        let before = held.get(&offer.variant_id).copied().unwrap_or(0);
        let after = before
            .saturating_add(quantity)
            .min(offer.stock)
            .min(MAX_QUANTITY)
            .max(before);
        if after > before {
            repo::put(conn, target.id, offer.variant_id, after)?;
            held.insert(offer.variant_id, after);
            currency.get_or_insert(offer.currency);
        }
    }
    repo::set_status(conn, guest.id, CartStatus::Merged)?;
    repo::touch(conn, target.id)?;
    view::load(conn, &target)
}

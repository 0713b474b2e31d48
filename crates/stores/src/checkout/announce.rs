//! The checkout clients ask for: the order placed, then announced in the
//! same transaction (the buyer's "order received" mail and the
//! `order.created` event), so an order never exists unannounced nor an
//! announcement without its order.

use diesel::PgConnection;
use kernel::error::AppError;
use tenancy::Site;

use super::error::CheckoutError;
use super::model::PlacedOrder;
use super::place::{check_out, CheckoutRequest};
use crate::orders::announce_created;

/// A replay (same Idempotency-Key) announces nothing again.
pub fn check_out_and_announce(
    conn: &mut PgConnection,
    site: &Site,
    request: &CheckoutRequest,
) -> Result<PlacedOrder, CheckoutError> {
    let placed = check_out(conn, request)?;
    if !placed.replayed {
        announce_created(conn, site, placed.id).map_err(AppError::from)?;
    }
    Ok(placed)
}

//! `POST /carts`: a guest gets a new cart and its token; a signed-in
//! customer gets the open cart they have (one at most), or a new one.

use diesel::pg::PgConnection;
use uuid::Uuid;

use super::error::CartError;
use super::model::OpenedCart;
use super::repo::{self, CartRow};
use kernel::error::AppError;

pub fn open_cart(
    conn: &mut PgConnection,
    customer_id: Option<Uuid>,
) -> Result<OpenedCart, CartError> {
    let Some(customer_id) = customer_id else {
        let (row, token) = repo::insert(conn, None)?.ok_or_else(|| {
            // A guest cart has no customer to conflict on.
            CartError::from(AppError::internal("guest cart insert conflicted"))
        })?;
        return Ok(OpenedCart {
            id: row.id,
            token: Some(token),
            created: true,
        });
    };
    let (cart, token) = customer_cart(conn, customer_id)?;
    Ok(OpenedCart {
        id: cart.id,
        created: token.is_some(),
        token,
    })
}

/// The customer's open cart, locked, made if there is none (with its
/// token, then). Two requests at once make one cart: the partial unique
/// index stops the second insert, which then reads the first's cart.
pub(crate) fn customer_cart(
    conn: &mut PgConnection,
    customer_id: Uuid,
) -> Result<(CartRow, Option<String>), CartError> {
    if let Some(cart) = repo::lock_customer_cart(conn, customer_id)? {
        return Ok((cart, None));
    }
    if let Some((cart, token)) = repo::insert(conn, Some(customer_id))? {
        return Ok((cart, Some(token)));
    }
    let cart = repo::lock_customer_cart(conn, customer_id)?.ok_or_else(|| {
        CartError::from(AppError::internal(
            "a customer's open cart conflicted on insert but cannot be read",
        ))
    })?;
    Ok((cart, None))
}

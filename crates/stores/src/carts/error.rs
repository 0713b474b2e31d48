//! What can go wrong with a cart, and the one place that says how each
//! failure answers a client.

use kernel::error::{AppError, FieldError};
use serde_json::json;
use uuid::Uuid;

use super::model::MAX_QUANTITY;
use crate::checkout::fields::{summary, validation_failed};

#[derive(Debug, thiserror::Error)]
pub enum CartError {
    /// No cart with this id that the caller may open (unknown, malformed,
    /// wrong or missing token, another customer's): one answer for all.
    #[error("there is no such cart")]
    NotFound,
    /// No variant on sale with this id (unknown, or it or its product is
    /// switched off).
    #[error("there is no such variant on sale")]
    VariantNotFound,
    /// The cart holds none of this variant.
    #[error("the cart holds none of this variant")]
    ItemNotFound,
    /// More asked of a variant than there is in stock.
    #[error("{requested} asked, {available} in stock")]
    InsufficientStock {
        variant_id: Uuid,
        requested: i64,
        available: i32,
    },
    /// A cart holds products of one currency.
    #[error("the cart is in {cart}, the variant in {variant}")]
    CurrencyMismatch { cart: String, variant: String },
    /// The cart became an order; it no longer changes.
    #[error("the cart was checked out")]
    CheckedOut,
    /// The cart's items went to a customer's cart at sign-in.
    #[error("the cart was merged into a customer's cart")]
    Merged,
    /// Merging needs a signed-in customer.
    #[error("only a signed-in customer may merge a cart")]
    CustomersOnly,
    /// Every field that failed its check.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable).
    /// Boxed: an error is returned often and should stay small.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl CartError {
    /// The one field error of a quantity the cart cannot hold.
    pub(crate) fn too_many(total: i64) -> Self {
        CartError::Validation(vec![FieldError {
            field: "quantity".into(),
            message: format!(
                "the cart would hold {total} of this variant; at most {MAX_QUANTITY} are allowed"
            ),
        }])
    }
}

impl From<AppError> for CartError {
    fn from(e: AppError) -> Self {
        CartError::Platform(Box::new(e))
    }
}

/// Every status and code a client can meet from carts. Clients match on
/// the codes: change none of them.
impl From<CartError> for AppError {
    fn from(e: CartError) -> Self {
        match e {
            CartError::NotFound => AppError::not_found(
                "cart_not_found",
                "There is no such cart, or it is not yours: send the cart's token as \
                 X-Cart-Token, or sign in as the customer whose cart it is.",
            ),
            CartError::VariantNotFound => AppError::not_found(
                "variant_not_found",
                "There is no such product variant on sale here.",
            ),
            CartError::ItemNotFound => AppError::not_found(
                "cart_item_not_found",
                "The cart holds none of this variant.",
            ),
            CartError::InsufficientStock {
                variant_id,
                requested,
                available,
            } => AppError::conflict(
                "insufficient_stock",
                format!(
                    "Only {available} of this variant are in stock, and the cart would hold \
                     {requested}; ask for {available} or fewer."
                ),
            )
            .with("variant_id", json!(variant_id))
            .with("requested", requested)
            .with("available", available),
            CartError::CurrencyMismatch { cart, variant } => AppError::conflict(
                "currency_mismatch",
                format!(
                    "This cart holds products priced in {cart}, and this one is priced in \
                     {variant}; a cart holds one currency. Check out or empty the cart first."
                ),
            ),
            CartError::CheckedOut => AppError::conflict(
                "cart_checked_out",
                "This cart was checked out and no longer changes; open a new cart.",
            ),
            CartError::Merged => AppError::conflict(
                "cart_merged",
                "This cart's items were moved to the customer's cart at sign-in; use that cart.",
            ),
            CartError::CustomersOnly => AppError::forbidden(
                "forbidden_role",
                "Only a signed-in customer may merge a cart into their own.",
            ),
            CartError::Validation(errors) => validation_failed(errors),
            CartError::Database(e) => e.into(),
            CartError::Platform(e) => *e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

//! What can go wrong at checkout, and the one place that says how each
//! failure answers a client. The cart's and the coupon's own failures keep
//! their answers.

use kernel::error::{AppError, FieldError, StatusCode};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use super::fields::{summary, validation_failed};
use crate::carts::CartError;
use crate::coupons::CouponError;

#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error(transparent)]
    Cart(#[from] CartError),
    #[error(transparent)]
    Coupon(#[from] CouponError),
    /// Every field that failed its check.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error("the cart is empty")]
    Empty,
    /// Lines asking more than is in stock (or no longer on sale).
    #[error("{} line(s) out of stock", .0.len())]
    OutOfStock(Vec<ShortLine>),
    /// A product's currency changed after it went into the cart.
    #[error("the cart's products are priced in more than one currency")]
    MixedCurrencies,
    /// An order total past what can be stored (prices no shop charges).
    #[error("the order's total is too large")]
    TotalTooLarge,
    #[error("the Idempotency-Key is not 1 to 255 printable characters")]
    InvalidIdempotencyKey,
    #[error("the Idempotency-Key was used for a different request")]
    IdempotencyKeyReused,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable).
    /// Boxed: an error is returned often and should stay small.
    #[error(transparent)]
    Platform(Box<AppError>),
}

/// A cart line the stock cannot cover, as the 409 names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ShortLine {
    pub variant_id: Uuid,
    pub sku: String,
    pub requested: i32,
    /// 0 when the product or variant is no longer on sale.
    pub available: i32,
}

impl From<AppError> for CheckoutError {
    fn from(e: AppError) -> Self {
        CheckoutError::Platform(Box::new(e))
    }
}

/// Every status and code a client can meet from checkout. Clients match
/// on the codes: change none of them.
impl From<CheckoutError> for AppError {
    fn from(e: CheckoutError) -> Self {
        match e {
            CheckoutError::Cart(e) => e.into(),
            CheckoutError::Coupon(e) => e.into(),
            CheckoutError::Validation(errors) => validation_failed(errors),
            CheckoutError::Empty => AppError::conflict(
                "cart_empty",
                "The cart is empty; add something before checking out.",
            ),
            CheckoutError::OutOfStock(lines) => {
                let named: Vec<String> = lines
                    .iter()
                    .map(|l| format!("{} ({} asked, {} left)", l.sku, l.requested, l.available))
                    .collect();
                AppError::conflict(
                    "out_of_stock",
                    format!(
                        "Not enough in stock for: {}. Lower those quantities or remove them, \
                         then check out again; nothing was ordered.",
                        named.join(", ")
                    ),
                )
                .with("lines", json!(lines))
            }
            CheckoutError::MixedCurrencies => AppError::conflict(
                "currency_mismatch",
                "The cart's products are now priced in more than one currency; remove the \
                 products of one currency and check out again.",
            ),
            CheckoutError::TotalTooLarge => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "total_too_large",
                "The order's total is larger than an order can be; lower the quantities.",
            ),
            CheckoutError::InvalidIdempotencyKey => AppError::bad_request(
                "invalid_idempotency_key",
                "Idempotency-Key must be 1 to 255 printable characters, e.g. a UUID.",
            ),
            CheckoutError::IdempotencyKeyReused => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for a different checkout; use a new key.",
            ),
            CheckoutError::Database(e) => e.into(),
            CheckoutError::Platform(e) => *e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

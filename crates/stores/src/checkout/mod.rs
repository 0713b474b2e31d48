//! Checkout: a cart becomes an order in one transaction that locks the
//! variants in a fixed order, reserves stock and applies a coupon.
//!
//! The transaction takes its locks in one order, every time: the
//! Idempotency-Key, the cart, the cart's variants by id, the coupon, and
//! last the tenant's order counter. Checkouts that meet on the same rows
//! queue instead of deadlocking, and the counter, which every checkout of
//! the tenant needs, is held only for the order's statement, its jobs'
//! (mail, expiry, webhook events: one insert) and the commit.

mod address;
mod announce;
mod error;
pub(crate) mod fields;
mod idempotency;
mod model;
mod place;
mod repo;

pub use address::{ShippingAddress, COUNTRIES};
pub use error::{CheckoutError, ShortLine};
pub use idempotency::CheckoutKey;
pub use model::{AddressBody, CheckoutBody, CheckoutInput, PlacedLine, PlacedOrder};
pub use place::{check_out_and_announce, CheckoutRequest};

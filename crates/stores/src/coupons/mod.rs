//! Coupons: codes for a percentage or an amount off, with dates and limits
//! that hold under concurrent checkouts.
//!
//! Staff make and change them (`repo`); checkout redeems them (`redeem`),
//! holding the coupon's row while it counts, so neither the usage limit nor
//! the per-customer limit can be passed by checkouts that run at once.

mod error;
mod model;
mod redeem;
pub mod repo;

pub use error::{CouponError, Inapplicable};
pub use model::{Coupon, CouponChanges, CouponCode, CreateBody, Discount, NewCoupon, PatchBody};
pub(crate) use redeem::redeem;

//! Carts, coupons and checkout over HTTP: who may use a cart, the merge at
//! sign-in, prices and coupons, idempotent retries, and checkouts that
//! race for the last units or the last uses of a coupon.

mod carts;
mod concurrency;
mod coupons;
mod fixture;
mod placing;

pub use fixture::*;

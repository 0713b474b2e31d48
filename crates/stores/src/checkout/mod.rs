//! Checkout: a cart becomes an order in one transaction that locks the
//! variants in a fixed order, reserves stock and applies a coupon.

//! The shop's API: the catalog (public reads, staff changes), carts and
//! checkout (guests and customers), coupons, orders and payments.

use crate::openapi::ApiRoutes;

pub fn routes(_api: &mut ApiRoutes) {}

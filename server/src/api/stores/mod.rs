//! The shop's API: the catalog (public reads, staff changes), carts and
//! checkout (guests and customers), coupons, orders and payments, and the
//! live tracking of an order.

use crate::openapi::ApiRoutes;

pub mod tracking;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(tracking::routes);
}

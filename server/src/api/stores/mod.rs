//! The shop's API: the catalog (public reads, staff changes), carts and
//! checkout (guests and customers), coupons, orders and payments, and the
//! live tracking of an order.

use crate::openapi::ApiRoutes;

mod orders;
mod payments;
pub mod tracking;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(orders::routes);
    api.mount(payments::routes);
    api.mount(tracking::routes);
}

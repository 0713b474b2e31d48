//! The shop's API: the catalog (public reads, staff changes), carts and
//! checkout (guests and customers), coupons, orders and payments.

use crate::openapi::ApiRoutes;

mod catalog;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(catalog::routes);
}

//! The shop's API: the catalog (public reads, staff changes), carts and
//! checkout (guests and customers), coupons, orders and payments,
//! prescriptions, and the live tracking of an order.

use crate::openapi::ApiRoutes;

mod carts;
mod catalog;
mod checkout;
mod coupons;
mod orders;
mod payments;
mod prescriptions;
pub mod tracking;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(catalog::routes)
        .mount(carts::routes)
        .mount(checkout::routes)
        .mount(coupons::routes)
        .mount(orders::routes)
        .mount(payments::routes)
        .mount(prescriptions::routes)
        .mount(tracking::routes);
}

//! /billing: the tenant's subscription, paying for it, its invoices; and
//! the payment provider's webhook on the platform's host.

use crate::openapi::ApiRoutes;

mod checkout;
mod invoices;
mod subscription;
mod webhook;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(subscription::routes)
        .mount(checkout::routes)
        .mount(invoices::routes)
        .mount(webhook::routes);
}

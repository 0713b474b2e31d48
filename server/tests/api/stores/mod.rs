//! The shop over HTTP: the catalog, carts and checkout under concurrency,
//! coupons, orders, payments and their webhooks, prescriptions, live
//! tracking.

mod cart_limit;
mod catalog;
mod checkout;
mod orders;
mod tracking;

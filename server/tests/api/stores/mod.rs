//! The shop over HTTP: the catalog, carts and checkout under concurrency,
//! coupons, orders, payments and their webhooks, live tracking.

mod checkout;
mod orders;
mod tracking;

//! The shop over HTTP: the catalog, carts and checkout under concurrency,
//! coupons, orders, payments and their webhooks.

mod catalog;

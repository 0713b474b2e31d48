//! The JSON API, mounted under /api/v1 on tenant hosts: one module per
//! capability, each with its routes and thin handlers.

use actix_web::web;

pub mod auth;
pub mod bookings;
pub mod customers;
pub mod webhooks;

pub fn routes(cfg: &mut web::ServiceConfig) {
    auth::routes(cfg);
    customers::routes(cfg);
    bookings::routes(cfg);
    webhooks::routes(cfg);
}

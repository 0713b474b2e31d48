//! /admin/customers: search, a customer's page with their bookings,
//! export and erase.

use actix_web::web;

pub fn routes(_cfg: &mut web::ServiceConfig) {}

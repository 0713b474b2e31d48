//! /admin/customers: search, a customer's page with their bookings,
//! export and erase. Any staff member may search and read; exporting and
//! erasing a person's data are for the owner and admins, checked here on
//! every request (the buttons' absence is not the rule).

mod data;
mod search;
mod show;

use actix_web::web;
use kernel::error::AppError;
use uuid::Uuid;

use crate::pages::layer::{Page, PageError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/customers", web::get().to(search::list))
        .route("/admin/customers/{id}", web::get().to(show::show))
        .route("/admin/customers/{id}/export", web::get().to(data::export))
        .route("/admin/customers/{id}/erase", web::post().to(data::erase));
}

/// A malformed id names no customer: the same 404 page as an unknown one.
fn customer_id(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| {
        p.fail(AppError::not_found(
            "customer_not_found",
            "There is no such customer.",
        ))
    })
}

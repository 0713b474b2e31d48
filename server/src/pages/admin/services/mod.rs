//! /admin/services: the services and their categories, for any staff
//! member (owner, admin, staff), through the same operations as the JSON
//! API's handlers. The role is checked on every request; a customer gets
//! the 403 page, nobody the sign-in page.

pub(super) mod amount;
mod categories;
mod edit;
mod fields;
mod list;

use actix_web::{web, HttpRequest};
use bookings::Schedules;
use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/services", web::get().to(list::show))
        .route("/admin/services", web::post().to(edit::create))
        .route("/admin/services/new", web::get().to(edit::new_form))
        .route("/admin/services/{id}", web::get().to(edit::edit_form))
        .route("/admin/services/{id}", web::post().to(edit::update))
        .route("/admin/services/{id}/delete", web::post().to(edit::delete))
        .route("/admin/categories", web::post().to(categories::create))
        .route("/admin/categories/{id}", web::post().to(categories::update))
        .route(
            "/admin/categories/{id}/delete",
            web::post().to(categories::delete),
        );
}

/// The tenant's schedule cache, which a change to a service or category drops, as
/// the API's handlers hand it to the same operations.
fn schedules(p: &Page, tenant: &CurrentTenant) -> Schedules {
    Schedules::new(p.state.schedules.clone(), tenant.id)
}

/// A malformed id names no service: the same 404 page as an unknown one.
fn service_id(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| {
        p.fail(AppError::not_found(
            "service_not_found",
            "There is no such service.",
        ))
    })
}

fn category_id(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| {
        p.fail(AppError::not_found(
            "category_not_found",
            "There is no such service category.",
        ))
    })
}

/// Whether the query string has `name=1` (the notice after a redirect).
fn flag(req: &HttpRequest, name: &str) -> bool {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    pairs.iter().any(|(k, v)| k == name && v == "1")
}

//! The clinic's back office: the patients (a typo-tolerant search and a
//! form for a new one), a patient's chart (details, appointments, notes to
//! write, sign and amend, treatment plans to make, documents, invoices to
//! draft, issue, take payment for and void, and for owners and admins the
//! access log), the day's appointments with their check-in, and the
//! reports (visits, new patients, revenue and no-shows over time).
//!
//! Every request that reaches a patient's record runs through the API's
//! own audited runner (`api::clinics::audited` / `audited_on`), so a page
//! view or a form post leaves exactly one access row, as a JSON request
//! does. The role is checked on every request, GET and POST, and every
//! form carries its CSRF token.

mod bar_chart;
mod chart;
mod chart_feedback;
mod chart_forms;
mod chart_post;
mod chart_rows;
mod day;
mod document;
mod document_upload;
mod invoice_forms;
mod invoice_input;
mod invoice_pdf;
mod patients;
mod plan_form;
mod reports;

use actix_web::{web, HttpRequest};
use kernel::error::AppError;
use uuid::Uuid;

// Who the access row names: the signed-in member, from where, under the
// request's id (what the API's `Audited` extractor fills).
use crate::extract::accessor;
use crate::pages::layer::{Page, PageError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/patients", web::get().to(patients::list))
        .route("/admin/patients", web::post().to(patients::create))
        .route("/admin/patients/new", web::get().to(patients::new_form))
        .route("/admin/patients/{id}", web::get().to(chart::show))
        .route(
            "/admin/patients/{id}/details",
            web::post().to(chart_forms::save_details),
        )
        .route(
            "/admin/patients/{id}/notes",
            web::post().to(chart_forms::add_note),
        )
        .route(
            "/admin/notes/{id}/sign",
            web::post().to(chart_forms::sign_note),
        )
        .route(
            "/admin/notes/{id}/amendments",
            web::post().to(chart_forms::amend_note),
        )
        .route(
            "/admin/patients/{id}/plans",
            web::post().to(plan_form::create),
        )
        .route(
            "/admin/patients/{id}/invoices",
            web::post().to(invoice_forms::create),
        )
        .route(
            "/admin/invoices/{id}/issue",
            web::post().to(invoice_forms::issue),
        )
        .route(
            "/admin/invoices/{id}/payments",
            web::post().to(invoice_forms::pay),
        )
        .route(
            "/admin/invoices/{id}/void",
            web::post().to(invoice_forms::void),
        )
        .route(
            "/admin/invoices/{id}/pdf",
            web::get().to(invoice_pdf::download),
        )
        .route(
            "/admin/patients/{id}/documents",
            web::post().to(document_upload::upload),
        )
        .route(
            "/admin/documents/{id}/file",
            web::get().to(document::download),
        )
        .route("/admin/appointments", web::get().to(day::show))
        .route(
            "/admin/appointments/{id}/status",
            web::post().to(day::set_status),
        )
        .route("/admin/reports", web::get().to(reports::show));
}

/// A path segment that is not an id names no record: the 404 page, and
/// no access row (nothing was reached).
fn id_of(p: &Page, raw: &str, code: &'static str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| p.fail(AppError::not_found(code, "Nothing here has this id.")))
}

/// The value of `name` in the query string, blank when absent.
fn param(req: &HttpRequest, name: &str) -> String {
    params(req, name).into_iter().next().unwrap_or_default()
}

/// Every value of `name` in the query string, in order.
fn params(req: &HttpRequest, name: &str) -> Vec<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v)
        .collect()
}

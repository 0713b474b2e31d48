//! The back office on a tenant's host, for its owner, admins and staff:
//! its own sign-in page, the day and week calendars per staff member, a booking's
//! page with its history and status buttons. The server checks the role on
//! every request (a page never relies on a hidden link): no session is
//! sent to the sign-in page, a customer's session gets the 403 page.

mod billing;
mod booking;
mod calendar;
mod clinic;
mod customers;
mod names;
pub mod nav;
mod reschedule;
mod services;
mod settings;
mod shop;
mod staff;
mod week;
mod welcome;

use actix_web::{web, HttpRequest};
use identity::AuthUser;

use super::account::signin::{self, Denied, STAFF};
use super::layer::{Page, PageResult};
use crate::extract::{ClientAddr, CurrentTenant};

/// The signed-in staff member acting; a customer is forbidden, nobody
/// is sent to the sign-in page.
pub fn staff_or_answer(p: &Page) -> Result<AuthUser, Denied> {
    match (&p.who, p.staff()) {
        (_, Some(h)) => Ok(h.auth_user()),
        (Some(_), None) => Err(Denied::Forbidden),
        (None, None) => Err(Denied::SignIn("/admin/login")),
    }
}

/// The signed-in owner or admin; staff get the 403 page, nobody the
/// sign-in page. For the sections that change the whole site (settings,
/// branding, webhooks, billing) and for a customer's export and erasure.
pub fn admin_or_answer(p: &Page) -> Result<AuthUser, Denied> {
    let user = staff_or_answer(p)?;
    if user.role.is_admin() {
        Ok(user)
    } else {
        Err(Denied::Forbidden)
    }
}

async fn index(p: Page, _tenant: CurrentTenant) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    Ok(p.see_other("/admin/calendar"))
}

async fn login_form(p: Page, _tenant: CurrentTenant) -> PageResult {
    signin::form(&p, STAFF).await
}

async fn login(
    p: Page,
    tenant: CurrentTenant,
    client: ClientAddr,
    req: HttpRequest,
    body: web::Bytes,
) -> PageResult {
    signin::submit(&p, STAFF, &tenant, client, &req, &body).await
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(index))
        .route("/admin/login", web::get().to(login_form))
        .route("/admin/login", web::post().to(login))
        .route("/admin/logout", web::post().to(signin::logout))
        .route("/admin/welcome", web::get().to(welcome::show))
        .route("/admin/calendar", web::get().to(calendar::show))
        .route("/admin/calendar/week", web::get().to(week::show))
        .route("/admin/bookings/{id}", web::get().to(booking::show))
        .route(
            "/admin/bookings/{id}/status",
            web::post().to(booking::set_status),
        )
        .route(
            "/admin/bookings/{id}/reschedule",
            web::get().to(reschedule::show),
        )
        .route(
            "/admin/bookings/{id}/reschedule",
            web::post().to(reschedule::submit),
        );
    services::routes(cfg);
    staff::routes(cfg);
    customers::routes(cfg);
    settings::routes(cfg);
    billing::routes(cfg);
    shop::routes(cfg);
    clinic::routes(cfg);
}

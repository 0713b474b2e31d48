//! /admin/staff: the staff members, their weekly hours, date overrides
//! and time off. Every page is for the owner, admins and staff (as the
//! JSON API allows); every change calls the operation its API handler
//! calls, with the same schedule cache invalidation, so the booking
//! slots change at once.

mod details;
mod hours;
mod list;
mod member;
mod overrides;
mod time_off;
mod week;

use actix_web::http::StatusCode;
use actix_web::web;
use bookings::staff::{StaffMember, StaffView};
use bookings::{BookingError, Schedules};
use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::pages::layer::{Feedback, Page, PageError};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/staff", web::get().to(list::show))
        .route("/admin/staff", web::post().to(list::create))
        .route("/admin/staff/{id}", web::get().to(member::show))
        .route("/admin/staff/{id}", web::post().to(member::update))
        .route("/admin/staff/{id}/delete", web::post().to(member::remove))
        .route("/admin/staff/{id}/hours", web::get().to(hours::show))
        .route("/admin/staff/{id}/hours", web::post().to(week::save))
        .route(
            "/admin/staff/{id}/overrides",
            web::post().to(overrides::set),
        )
        .route(
            "/admin/staff/{id}/overrides/{date}/delete",
            web::post().to(overrides::clear),
        )
        .route("/admin/staff/{id}/time-off", web::post().to(time_off::add))
        .route(
            "/admin/staff/{id}/time-off/{off}/delete",
            web::post().to(time_off::remove),
        );
}

/// This server's schedule cache, seen from the request's tenant: what the
/// API handlers pass to the operations that change a schedule.
fn schedules(p: &Page, tenant: &CurrentTenant) -> Schedules {
    Schedules::new(p.state.schedules.clone(), tenant.id)
}

fn not_found(p: &Page) -> PageError {
    p.fail(AppError::not_found(
        "staff_not_found",
        "There is no such staff member.",
    ))
}

/// A member's id from the path; a malformed one is the 404 page, as an
/// unknown one is.
fn member_id(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| not_found(p))
}

/// The team's view of a member (the only one the team's audience gets).
fn as_member(view: StaffView) -> Result<StaffMember, BookingError> {
    match view {
        StaffView::Team(m) => Ok(m),
        StaffView::Public(_) => Err(AppError::internal("staff: public view for the team").into()),
    }
}

/// A refused form: the operation's field names become this section's
/// (`staff-name`, `staff-off-from` ...), so their catalog messages
/// (`field-error-staff-...`) cannot clash with another section's.
fn refused(
    p: &Page,
    e: impl Into<AppError>,
    rename: impl Fn(&str) -> &'static str,
) -> Result<(StatusCode, Feedback), PageError> {
    let mut e: AppError = e.into();
    for f in &mut e.errors {
        f.field = rename(&f.field).to_string();
    }
    p.refusal(e)
}

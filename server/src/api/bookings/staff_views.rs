//! /bookings for staff: the calendar, one booking with its history, status
//! changes and rescheduling.

use actix_web::{web, HttpResponse};
use bookings::model::HistoryView;
use bookings::staff_views::{self, CalendarFilter, CalendarQuery, StatusBody, StatusChange};
use bookings::{BookingView, RescheduleBody};
use serde::Serialize;
use uuid::Uuid;

use crate::api::Items;
use crate::extract::{CurrentTenant, RequestSite, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CalendarProblems { 400 => [invalid_query, invalid_range] });
problems!(OneProblems { 404 => [booking_not_found] });
problems!(StatusProblems {
    404 => [booking_not_found],
    409 => [invalid_transition],
    422 => [validation_failed],
});
problems!(RescheduleProblems {
    404 => [booking_not_found, service_not_found],
    409 => [booking_not_active, slot_unavailable],
    422 => [slot_not_offered, validation_failed],
});

/// A booking with every change it went through.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct BookingWithHistory {
    #[serde(flatten)]
    booking: BookingView,
    /// Oldest first.
    history: Vec<HistoryView>,
}

/// The bookings overlapping a range, by start then staff member (at most
/// 2000).
#[utoipa::path(get, path = "/bookings", tag = "bookings", operation_id = "booking_calendar",
    params(CalendarQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The bookings", body = Items<BookingView>),
        CalendarProblems))]
async fn calendar(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    query: web::Query<CalendarQuery>,
) -> ApiResult<HttpResponse> {
    let filter = CalendarFilter::parse(query.into_inner())?;
    let items = tenant
        .run(&state, move |conn| staff_views::calendar(conn, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

/// The booking's fields with its history alongside.
#[utoipa::path(get, path = "/bookings/{id}", tag = "bookings", operation_id = "get_booking",
    params(("id" = Uuid, Path, description = "The booking's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The booking", body = BookingWithHistory),
        OneProblems))]
async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let detail = tenant
        .run(&state, move |conn| staff_views::show(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(BookingWithHistory {
        booking: detail.booking,
        history: detail.history,
    }))
}

/// pending -> confirmed or cancelled; confirmed -> cancelled, completed or
/// no_show; the others are final.
#[utoipa::path(post, path = "/bookings/{id}/status", tag = "bookings",
    operation_id = "set_booking_status",
    params(("id" = Uuid, Path, description = "The booking's id")),
    request_body = StatusBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The booking", body = BookingView), StatusProblems))]
async fn set_status(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: StaffUser,
    site: RequestSite,
    path: web::Path<Uuid>,
    body: web::Json<StatusBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let change = StatusChange::parse(body.into_inner())?;
    let booking = tenant
        .run(&state, move |conn| {
            staff_views::set_status(conn, &site, &user.0, id, &change)
        })
        .await?;
    Ok(HttpResponse::Ok().json(booking))
}

/// Another offered, free start with the same staff member.
#[utoipa::path(post, path = "/bookings/{id}/reschedule", tag = "bookings",
    operation_id = "reschedule_booking",
    params(("id" = Uuid, Path, description = "The booking's id")),
    request_body = RescheduleBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The booking at its new time", body = BookingView),
        RescheduleProblems))]
async fn reschedule(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: StaffUser,
    site: RequestSite,
    path: web::Path<Uuid>,
    body: web::Json<RescheduleBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let start = body.into_inner().start;
    let booking = tenant
        .run(&state, move |conn| {
            staff_views::reschedule(conn, &site, &user.0, id, start)
        })
        .await?;
    Ok(HttpResponse::Ok().json(booking))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_calendar, calendar)
        .add(__path_show, show)
        .add(__path_set_status, set_status)
        .add(__path_reschedule, reschedule);
}

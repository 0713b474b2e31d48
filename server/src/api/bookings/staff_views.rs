//! /bookings for staff: the calendar, one booking with its history, status
//! changes and rescheduling.

use actix_web::{web, HttpResponse};
use bookings::staff_views::{self, CalendarFilter, CalendarQuery, StatusBody, StatusChange};
use bookings::RescheduleBody;
use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::{CurrentTenant, RequestSite, StaffUser};
use crate::problem::ApiResult;
use crate::state::AppState;

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
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

/// The booking's fields with its history alongside.
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
    let mut body = serde_json::to_value(&detail.booking).map_err(AppError::internal)?;
    body["history"] = serde_json::to_value(&detail.history).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().json(body))
}

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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings", web::get().to(calendar))
        .route("/bookings/{id}", web::get().to(show))
        .route("/bookings/{id}/status", web::post().to(set_status))
        .route("/bookings/{id}/reschedule", web::post().to(reschedule));
}

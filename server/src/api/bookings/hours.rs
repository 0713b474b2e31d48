//! /staff/{id}/availability, overrides and time off: a staff member's
//! hours. Staff only.

use actix_web::{web, HttpResponse};
use bookings::hours::{
    self, DayOverride, NewTimeOff, OverrideBody, RulesBody, StaffHours, TimeOff, TimeOffBody,
    WeeklyRules,
};
use chrono::NaiveDate;
use uuid::Uuid;

use super::schedules;
use crate::extract::{CurrentTenant, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ShowProblems { 404 => [staff_not_found] });
problems!(ChangeProblems {
    404 => [staff_not_found],
    422 => [validation_failed],
});
problems!(TimeOffProblems { 404 => [time_off_not_found] });

/// Weekly rules, date overrides and the time off still to come.
#[utoipa::path(get, path = "/staff/{id}/availability", tag = "staff",
    operation_id = "get_staff_hours",
    params(("id" = Uuid, Path, description = "The staff member's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The member's hours", body = StaffHours),
        ShowProblems))]
async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let h = tenant.run(&state, move |conn| hours::get(conn, id)).await?;
    Ok(HttpResponse::Ok().json(h))
}

/// Replaces the weekly rules; no two ranges of a weekday may overlap.
#[utoipa::path(put, path = "/staff/{id}/availability", tag = "staff",
    operation_id = "replace_staff_rules",
    params(("id" = Uuid, Path, description = "The staff member's id")),
    request_body = RulesBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The member's hours", body = StaffHours),
        ChangeProblems))]
async fn put_rules(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<RulesBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let rules = WeeklyRules::parse(&body)?;
    let schedules = schedules(&state, &tenant);
    let h = tenant
        .run(&state, move |conn| {
            hours::replace_rules(conn, &schedules, id, &rules)
        })
        .await?;
    Ok(HttpResponse::Ok().json(h))
}

/// Other hours on one date, or closed; replaces that date's override.
#[utoipa::path(put, path = "/staff/{id}/overrides/{date}", tag = "staff",
    operation_id = "set_staff_override",
    params(
        ("id" = Uuid, Path, description = "The staff member's id"),
        ("date" = NaiveDate, Path, pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-",
            description = "The local date (YYYY-MM-DD), in the years 1970 to 9999"),
    ),
    request_body = OverrideBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The member's hours", body = StaffHours),
        ChangeProblems))]
async fn put_override(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, NaiveDate)>,
    body: web::Json<OverrideBody>,
) -> ApiResult<HttpResponse> {
    let (id, date) = path.into_inner();
    let day = DayOverride::parse(&body)?;
    let h = tenant
        .run(&state, move |conn| {
            hours::set_override(conn, id, date, &day)
        })
        .await?;
    Ok(HttpResponse::Ok().json(h))
}

/// The date follows the weekly rules again.
#[utoipa::path(delete, path = "/staff/{id}/overrides/{date}", tag = "staff",
    operation_id = "clear_staff_override",
    params(
        ("id" = Uuid, Path, description = "The staff member's id"),
        ("date" = NaiveDate, Path, pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-",
            description = "The local date (YYYY-MM-DD), in the years 1970 to 9999"),
    ),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Cleared"), ChangeProblems))]
async fn delete_override(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, NaiveDate)>,
) -> ApiResult<HttpResponse> {
    let (id, date) = path.into_inner();
    tenant
        .run(&state, move |conn| hours::clear_override(conn, id, date))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/staff/{id}/time-off", tag = "staff",
    operation_id = "add_staff_time_off",
    params(("id" = Uuid, Path, description = "The staff member's id")),
    request_body = TimeOffBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The time off", body = TimeOff), ChangeProblems))]
async fn add_time_off(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<TimeOffBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let new = NewTimeOff::parse(body.into_inner())?;
    let off = tenant
        .run(&state, move |conn| hours::add_time_off(conn, id, &new))
        .await?;
    Ok(HttpResponse::Created().json(off))
}

#[utoipa::path(delete, path = "/staff/{id}/time-off/{time_off_id}", tag = "staff",
    operation_id = "remove_staff_time_off",
    params(
        ("id" = Uuid, Path, description = "The staff member's id"),
        ("time_off_id" = Uuid, Path, description = "The time off's id"),
    ),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Removed"), TimeOffProblems))]
async fn delete_time_off(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (id, off_id) = path.into_inner();
    tenant
        .run(&state, move |conn| hours::remove_time_off(conn, id, off_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_show, show)
        .add(__path_put_rules, put_rules)
        .add(__path_put_override, put_override)
        .add(__path_delete_override, delete_override)
        .add(__path_add_time_off, add_time_off)
        .add(__path_delete_time_off, delete_time_off);
}

//! /staff/{id}/availability, overrides and time off: a staff member's
//! hours. Staff only.

use actix_web::{web, HttpResponse};
use bookings::hours::{
    self, DayOverride, NewTimeOff, OverrideBody, RulesBody, TimeOffBody, WeeklyRules,
};
use chrono::NaiveDate;
use uuid::Uuid;

use super::schedules;
use crate::extract::{CurrentTenant, StaffUser};
use crate::problem::ApiResult;
use crate::state::AppState;

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

/// Replaces the weekly rules.
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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/staff/{id}/availability")
            .route(web::get().to(show))
            .route(web::put().to(put_rules)),
    )
    .service(
        web::resource("/staff/{id}/overrides/{date}")
            .route(web::put().to(put_override))
            .route(web::delete().to(delete_override)),
    )
    .service(web::resource("/staff/{id}/time-off").route(web::post().to(add_time_off)))
    .service(
        web::resource("/staff/{id}/time-off/{time_off_id}")
            .route(web::delete().to(delete_time_off)),
    );
}

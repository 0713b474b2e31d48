//! /booking-settings: the tenant's booking rules. Anyone reads, admins write.

use actix_web::{web, HttpResponse};
use bookings::settings::{self, BookingSettings, SettingsChanges, SettingsPatch};

use super::schedules;
use crate::extract::{AdminUser, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(UpdateProblems { 422 => [validation_failed] });

#[utoipa::path(get, path = "/booking-settings", tag = "settings",
    operation_id = "get_booking_settings",
    responses((status = 200, description = "The booking rules", body = BookingSettings)))]
async fn show(state: web::Data<AppState>, tenant: CurrentTenant) -> ApiResult<HttpResponse> {
    let settings = tenant.run(&state, settings::get).await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// Changes the settings sent; the others stay.
#[utoipa::path(patch, path = "/booking-settings", tag = "settings",
    operation_id = "update_booking_settings",
    request_body = SettingsPatch,
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The rules as they now are", body = BookingSettings),
        UpdateProblems))]
async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    body: web::Json<SettingsPatch>,
) -> ApiResult<HttpResponse> {
    let changes = SettingsChanges::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let settings = tenant
        .run(&state, move |conn| {
            settings::update(conn, &schedules, &changes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// The same as PATCH: settings left out stay as they are.
#[utoipa::path(put, path = "/booking-settings", tag = "settings",
    operation_id = "replace_booking_settings",
    request_body = SettingsPatch,
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The rules as they now are", body = BookingSettings),
        UpdateProblems))]
async fn replace(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    admin: AdminUser,
    body: web::Json<SettingsPatch>,
) -> ApiResult<HttpResponse> {
    update(state, tenant, admin, body).await
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_show, show)
        .add(__path_replace, replace)
        .add(__path_update, update);
}

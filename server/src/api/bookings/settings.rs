//! /booking-settings: the tenant's booking rules. Anyone reads, admins write.

use actix_web::{web, HttpResponse};
use bookings::settings::{self, SettingsChanges, SettingsPatch};

use super::schedules;
use crate::extract::{AdminUser, CurrentTenant};
use crate::problem::ApiResult;
use crate::state::AppState;

async fn show(state: web::Data<AppState>, tenant: CurrentTenant) -> ApiResult<HttpResponse> {
    let settings = tenant.run(&state, settings::get).await?;
    Ok(HttpResponse::Ok().json(settings))
}

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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/booking-settings")
            .route(web::get().to(show))
            .route(web::put().to(update))
            .route(web::patch().to(update)),
    );
}

//! HTTP handlers of bookings' settings (moved from the capability; being thinned).

use crate::extract::AdminUser;
use crate::extract::CurrentTenant;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::settings::*;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use kernel::db;
use kernel::schema::tenant::booking_settings;

async fn show(state: web::Data<AppState>, tenant: CurrentTenant) -> ApiResult<HttpResponse> {
    let settings = db::tenant_tx(&state.pool, &tenant.schema, |conn| Ok(load(conn)?)).await?;
    Ok(HttpResponse::Ok().json(settings))
}

async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    body: web::Json<SettingsPatch>,
) -> ApiResult<HttpResponse> {
    let changes = validate(body.into_inner())?;
    let settings = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        diesel::update(booking_settings::table)
            .set((&changes, booking_settings::updated_at.eq(diesel::dsl::now)))
            .execute(conn)?;
        Ok(load(conn)?)
    })
    .await?;
    // Availability must not show the old schedule from this server.
    state.schedules.forget_tenant(tenant.id);
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

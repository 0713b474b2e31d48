//! HTTP handlers of bookings' manage (moved from the capability; being thinned).

use crate::extract::RequestSite;
use ::bookings::changes::{self, Actor};
use ::bookings::manage::*;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::extract::CurrentTenant;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::model::Status;
use ::bookings::settings::{self};
use kernel::db;
use kernel::error::AppError;

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let v = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let b = by_token(conn, &token, false)?;
        let s = settings::load(conn)?;
        view(conn, &b, &s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

async fn cancel(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    http: HttpRequest,
    path: web::Path<String>,
    body: Option<web::Json<CancelBody>>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let reason =
        kernel::input::optional_long_text(body.and_then(|b| b.into_inner().reason).as_deref(), 500)
            .map_err(|m| AppError::invalid("reason", m))?;
    let site = RequestSite::of(&http)?.0;
    let v = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let b = by_token(conn, &token, true)?;
        let s = settings::load(conn)?;
        check_window(&b, &s, "cancelled")?;
        let actor = Actor {
            label: ACTOR,
            site: &site,
        };
        let row = changes::transition(conn, &actor, &b, Status::Cancelled, reason.as_deref())?;
        view(conn, &row, &s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

async fn reschedule(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    http: HttpRequest,
    path: web::Path<String>,
    body: web::Json<RescheduleBody>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let start = body.into_inner().start;
    let site = RequestSite::of(&http)?.0;
    let v = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let b = by_token(conn, &token, true)?;
        let s = settings::load(conn)?;
        check_window(&b, &s, "rescheduled")?;
        let actor = Actor {
            label: ACTOR,
            site: &site,
        };
        let row = changes::reschedule(conn, &actor, &b, start)?;
        view(conn, &row, &s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings/manage/{token}", web::get().to(show))
        .route("/bookings/manage/{token}/cancel", web::post().to(cancel))
        .route(
            "/bookings/manage/{token}/reschedule",
            web::post().to(reschedule),
        );
}

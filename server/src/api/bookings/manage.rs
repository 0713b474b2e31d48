//! /bookings/manage/{token}: the customer's manage link, no account needed.

use actix_web::{web, HttpResponse};
use bookings::manage::{self, CancelBody};
use bookings::{Reason, RescheduleBody};

use crate::extract::{CurrentTenant, RequestSite};
use crate::problem::ApiResult;
use crate::state::AppState;

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let view = tenant
        .run(&state, move |conn| manage::show(conn, &token))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The body is optional: a bare POST cancels without a reason.
async fn cancel(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: Option<web::Json<CancelBody>>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let reason = Reason::parse(body.and_then(|b| b.into_inner().reason).as_deref())?;
    let view = tenant
        .run(&state, move |conn| {
            manage::cancel(conn, &site, &token, &reason)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn reschedule(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Json<RescheduleBody>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let start = body.into_inner().start;
    let view = tenant
        .run(&state, move |conn| {
            manage::reschedule(conn, &site, &token, start)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings/manage/{token}", web::get().to(show))
        .route("/bookings/manage/{token}/cancel", web::post().to(cancel))
        .route(
            "/bookings/manage/{token}/reschedule",
            web::post().to(reschedule),
        );
}

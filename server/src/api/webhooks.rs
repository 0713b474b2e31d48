//! /api/v1/webhooks (owner/admin): the tenant's endpoints for the events
//! its capabilities emit (the catalog gathered at start-up).

use actix_web::{web, HttpResponse};
use notify::guarded_http::AddressPolicy;
use notify::webhooks::{endpoints, NewEndpoint};
use serde::Deserialize;
use uuid::Uuid;

use crate::extract::{AdminUser, CurrentTenant};
use crate::problem::ApiResult;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointBody {
    pub url: String,
    #[serde(default)]
    pub events: Option<Vec<String>>,
}

async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
) -> ApiResult<HttpResponse> {
    let items = tenant.run(&state, endpoints::list).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

/// The signing secret is shown in this answer only; keep it to verify
/// the X-Webhook-Signature header of deliveries.
async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    body: web::Json<EndpointBody>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    // A URL to a refused address is a 422 now; names are checked again at
    // each delivery.
    let policy = AddressPolicy::from_settings(&state.settings);
    let new = NewEndpoint::parse(&b.url, b.events, &state.events, &policy)?;
    let (endpoint, secret) = tenant
        .run(&state, move |conn| endpoints::create(conn, new))
        .await?;
    let mut body = serde_json::to_value(endpoint).map_err(kernel::AppError::internal)?;
    body["secret"] = serde_json::Value::String(secret);
    Ok(HttpResponse::Created().json(body))
}

async fn remove(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    tenant
        .run(&state, move |conn| endpoints::remove(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/webhooks")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .route("/webhooks/{id}", web::delete().to(remove));
}

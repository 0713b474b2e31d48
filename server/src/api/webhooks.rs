//! /api/v1/webhooks (owner/admin): the tenant's endpoints for the events
//! its capabilities emit (the catalog gathered at start-up).

use actix_web::{web, HttpResponse};
use notify::guarded_http::AddressPolicy;
use notify::webhooks::{endpoints, Endpoint, NewEndpoint};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::Items;
use crate::extract::{AdminUser, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CreateProblems {
    403 => [feature_not_in_plan],
    409 => [too_many_webhook_endpoints],
    422 => [validation_failed],
});
problems!(RemoveProblems { 404 => [webhook_not_found] });

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WebhookEndpointBody)]
pub struct EndpointBody {
    /// http(s); a host on a private, loopback or link-local address is
    /// refused, now and at each delivery.
    #[schema(
        format = "uri",
        max_length = 2000,
        pattern = "^[Hh][Tt][Tt][Pp][Ss]?://"
    )]
    pub url: String,
    /// Event names such as `booking.created`; every event when left out.
    #[serde(default)]
    #[schema(min_items = 1)]
    pub events: Option<Vec<String>>,
}

/// A new endpoint with its signing secret.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct CreatedEndpoint {
    #[serde(flatten)]
    endpoint: Endpoint,
    /// Signs each delivery (X-Webhook-Signature); shown in this answer only.
    secret: String,
}

#[utoipa::path(get, path = "/webhooks", tag = "webhooks", operation_id = "list_webhooks",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The endpoints", body = Items<Endpoint>)))]
async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
) -> ApiResult<HttpResponse> {
    let items = tenant.run(&state, endpoints::list).await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

/// The signing secret is shown in this answer only; keep it to verify
/// the X-Webhook-Signature header of deliveries.
#[utoipa::path(post, path = "/webhooks", tag = "webhooks", operation_id = "create_webhook",
    request_body = EndpointBody,
    security(("bearer" = ["admin"])),
    responses((status = 201, description = "The endpoint and its secret", body = CreatedEndpoint),
        CreateProblems))]
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
    let max = state.settings.webhook_max_endpoints_per_tenant;
    let tenant_id = tenant.id;
    let (endpoint, secret) = tenant
        .run(&state, move |conn| {
            billing::require_feature(conn, tenant_id, billing::Feature::Webhooks)?;
            endpoints::create(conn, new, max)
        })
        .await?;
    Ok(HttpResponse::Created().json(CreatedEndpoint { endpoint, secret }))
}

/// Deliveries still queued for it are dropped.
#[utoipa::path(delete, path = "/webhooks/{id}", tag = "webhooks", operation_id = "delete_webhook",
    params(("id" = Uuid, Path, description = "The endpoint's id")),
    security(("bearer" = ["admin"])),
    responses((status = 204, description = "Deleted"), RemoveProblems))]
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

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_remove, remove);
}

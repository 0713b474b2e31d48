//! GET /billing/subscription: the plan, where the tenant stands with it,
//! and how much of each limit is used.

use actix_web::{web, HttpResponse};
use billing::subscriptions::{self, SubscriptionView};

use crate::extract::{AdminUser, CurrentTenant};
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

#[utoipa::path(get, path = "/billing/subscription", tag = "billing",
    operation_id = "get_subscription",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The subscription, its plan's limits and their use",
        body = SubscriptionView)))]
async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
) -> ApiResult<HttpResponse> {
    let tenant_id = tenant.id;
    let usage = state.usage.clone();
    let grace = state.settings.billing.grace_days;
    let view = tenant
        .run(&state, move |conn| {
            subscriptions::view(conn, tenant_id, &usage, grace)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_show, show);
}

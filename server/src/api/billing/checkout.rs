//! POST /billing/checkout-session: the owner chooses a plan and is sent to
//! the provider's hosted checkout; the provider's webhook then moves the
//! subscription.

use actix_web::{web, HttpResponse};
use billing::checkout;
use billing::provider::HttpProvider;
use kernel::error::AppError;
use serde::{Deserialize, Serialize};

use crate::extract::{CurrentTenant, OwnerUser, RequestSite};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CheckoutProblems {
    422 => [validation_failed],
    502 => [payment_provider_error],
    503 => [payments_not_configured],
});

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PlanCheckoutBody)]
pub struct CheckoutBody {
    /// The code of the plan to pay for (`basic`, `pro`, ...).
    #[schema(min_length = 1, max_length = 32)]
    pub plan: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CheckoutSession {
    /// The provider's checkout page: send the owner there.
    #[schema(format = "uri")]
    pub url: String,
}

/// The provider's page comes back to the site's `/admin/billing?billing=success`
/// (or `?billing=cancel`); the plan is paid once the provider says so.
#[utoipa::path(post, path = "/billing/checkout-session", tag = "billing",
    operation_id = "create_checkout_session",
    request_body = CheckoutBody,
    security(("bearer" = ["owner"])),
    responses((status = 200, description = "Where to pay", body = CheckoutSession),
        CheckoutProblems))]
async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    _owner: OwnerUser,
    body: web::Json<CheckoutBody>,
) -> ApiResult<HttpResponse> {
    let provider = HttpProvider::from_settings(&state.settings.billing).map_err(AppError::from)?;
    let code = body.into_inner().plan;
    let plan = kernel::db::run(&state.pool, move |conn| checkout::plan_to_buy(conn, &code)).await?;
    let slug = tenant.slug.clone();
    let site_url = site.base_url.clone();
    // The provider is called off the async workers, with no database
    // connection held while it answers.
    let url = web::block(move || checkout::open(&provider, &plan, &slug, &site_url))
        .await
        .map_err(|e| AppError::internal(format!("checkout task failed: {e}")))?
        .map_err(AppError::from)?;
    Ok(HttpResponse::Ok().json(CheckoutSession { url }))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_create, create);
}

//! /branding: how the tenant's site presents the business. Anyone reads it
//! (it is what the site shows); the owner and admins change it.

use actix_web::{web, HttpResponse};

use crate::extract::{AdminUser, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::branding::{BrandingChanges, BrandingError, BrandingPatch, BrandingView};

problems!(UpdateProblems { 422 => [validation_failed] });

#[utoipa::path(get, path = "/branding", tag = "branding", operation_id = "get_branding",
    responses((status = 200, description = "What the site shows", body = BrandingView)))]
async fn show(state: web::Data<AppState>, tenant: CurrentTenant) -> ApiResult<HttpResponse> {
    let branding = ::branding::cache()
        .get_or_load(tenant.id, || {
            tenant.run(&state, |conn| {
                ::branding::load(conn).map_err(BrandingError::from)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(branding.view(&tenant)))
}

/// Changes the fields sent; `null` clears an optional one.
#[utoipa::path(patch, path = "/branding", tag = "branding", operation_id = "update_branding",
    request_body = BrandingPatch,
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The branding as it now is", body = BrandingView),
        UpdateProblems))]
async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    body: web::Json<BrandingPatch>,
) -> ApiResult<HttpResponse> {
    let changes = BrandingChanges::parse(body.into_inner())?;
    let tenant_id = tenant.id;
    let branding = tenant
        .run(&state, move |conn| {
            ::branding::update(conn, tenant_id, &changes)
        })
        .await?;
    // The update dropped the cached entry before its commit; a read in
    // between may have cached the old branding again, so drop it once more
    // now that the change is visible.
    ::branding::cache().forget(tenant_id);
    Ok(HttpResponse::Ok().json(branding.view(&tenant)))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_show, show).add(__path_update, update);
}

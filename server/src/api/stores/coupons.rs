//! /api/v1/coupons: the shop's discount codes. Staff only. Read the
//! request, run one coupons operation in the tenant's transaction, shape
//! the answer.

use actix_web::{web, HttpResponse};
use stores::coupons::{repo, Coupon, CouponChanges, CouponError, CreateBody, NewCoupon, PatchBody};
use uuid::Uuid;

use crate::api::Items;
use crate::extract::{CurrentTenant, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CreateProblems {
    409 => [coupon_code_taken],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [coupon_not_found] });
problems!(UpdateProblems {
    404 => [coupon_not_found],
    422 => [validation_failed],
});

/// A malformed id can name no coupon: the same 404 as an unknown one.
fn coupon_id(raw: &str) -> Result<Uuid, CouponError> {
    Uuid::parse_str(raw).map_err(|_| CouponError::NotFound)
}

#[utoipa::path(get, path = "/coupons", tag = "coupons", operation_id = "list_coupons",
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "Every coupon, newest first", body = Items<Coupon>)))]
pub async fn list(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let coupons = tenant.run(&state, repo::list).await?;
    Ok(HttpResponse::Ok().json(Items::of(coupons)))
}

/// Exactly one of percent_off and amount_off_cents. The code is stored
/// upper case; customers may type it in any case.
#[utoipa::path(post, path = "/coupons", tag = "coupons", operation_id = "create_coupon",
    request_body = CreateBody,
    security(("bearer" = ["staff"])),
    responses(
        (status = 201, description = "The new coupon", body = Coupon,
            headers(("Location" = String, description = "The coupon's URL"))),
        CreateProblems))]
pub async fn create(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    body: web::Json<CreateBody>,
) -> ApiResult<HttpResponse> {
    let new = NewCoupon::parse(body.into_inner())?;
    let coupon = tenant
        .run(&state, move |conn| repo::create(conn, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/coupons/{}", coupon.id)))
        .json(coupon))
}

#[utoipa::path(get, path = "/coupons/{id}", tag = "coupons", operation_id = "get_coupon",
    params(("id" = Uuid, Path, description = "The coupon's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The coupon", body = Coupon), OneProblems))]
pub async fn get(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = coupon_id(&path)?;
    let coupon = tenant.run(&state, move |conn| repo::find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(coupon))
}

/// Changes the fields sent; `null` lifts a limit or a date. The code and
/// the discount stay as they are.
#[utoipa::path(patch, path = "/coupons/{id}", tag = "coupons", operation_id = "update_coupon",
    params(("id" = Uuid, Path, description = "The coupon's id")),
    request_body = PatchBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The coupon as it now is", body = Coupon), UpdateProblems))]
pub async fn update(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> ApiResult<HttpResponse> {
    let id = coupon_id(&path)?;
    let changes = CouponChanges::parse(body.into_inner())?;
    let coupon = tenant
        .run(&state, move |conn| repo::update(conn, id, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(coupon))
}

/// A coupon no order used is deleted; one that orders used is switched off
/// (`active: false`), so those orders keep it.
#[utoipa::path(delete, path = "/coupons/{id}", tag = "coupons", operation_id = "delete_coupon",
    params(("id" = Uuid, Path, description = "The coupon's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted, or switched off if it was used"), OneProblems))]
pub async fn delete(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = coupon_id(&path)?;
    tenant
        .run(&state, move |conn| repo::delete(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update)
        .add(__path_delete, delete);
}

//! /products/{id}/variants and /variants/{id}: what customers buy. Anyone
//! reads those on sale; staff add, change, delete and count stock.

use actix_web::{web, HttpResponse};
use stores::catalog::variants::{
    self, delta, NewVariant, StockBody, VariantBody, VariantChanges, VariantPatch, VariantView,
};
use stores::catalog::{Missing, Visibility};

use super::{id_of, ReadQuery};
use crate::api::Items;
use crate::extract::{CurrentTenant, SignedIn, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ListProblems { 404 => [product_not_found] });
problems!(CreateProblems {
    404 => [product_not_found],
    409 => [sku_taken, variant_exists],
    422 => [validation_failed],
});
problems!(UpdateProblems {
    404 => [variant_not_found],
    409 => [sku_taken, variant_exists],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [variant_not_found] });
problems!(StockProblems {
    404 => [variant_not_found],
    409 => [insufficient_stock],
    422 => [validation_failed],
});

/// The product's variants on sale, in their order.
#[utoipa::path(get, path = "/products/{id}/variants", tag = "catalog",
    operation_id = "list_product_variants",
    params(("id" = Uuid, Path, description = "The product's id"), ReadQuery),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The variants", body = Items<VariantView>),
        ListProblems))]
async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    path: web::Path<String>,
    query: web::Query<ReadQuery>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Product)?;
    let staff = user.is_some_and(|u| u.0.role.is_staff());
    let visibility = Visibility::of(staff, query.include_inactive == Some(true));
    let items = tenant
        .run(&state, move |conn| variants::list(conn, id, visibility))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/products/{id}/variants", tag = "catalog",
    operation_id = "create_product_variant",
    params(("id" = Uuid, Path, description = "The product's id")),
    request_body = VariantBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new variant", body = VariantView),
        CreateProblems))]
async fn create(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Json<VariantBody>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Product)?;
    let new = NewVariant::parse(body.into_inner())?;
    let variant = tenant
        .run(&state, move |conn| variants::create(conn, id, &new))
        .await?;
    Ok(HttpResponse::Created().json(variant))
}

/// Changes the fields sent; `price_cents: null` sells it at the product's
/// base price.
#[utoipa::path(patch, path = "/variants/{id}", tag = "catalog", operation_id = "update_variant",
    params(("id" = Uuid, Path, description = "The variant's id")),
    request_body = VariantPatch,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The variant as it now is", body = VariantView),
        UpdateProblems))]
async fn update(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Json<VariantPatch>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Variant)?;
    let changes = VariantChanges::parse(body.into_inner())?;
    let variant = tenant
        .run(&state, move |conn| variants::update(conn, id, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(variant))
}

#[utoipa::path(delete, path = "/variants/{id}", tag = "catalog", operation_id = "delete_variant",
    params(("id" = Uuid, Path, description = "The variant's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), OneProblems))]
async fn delete(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Variant)?;
    tenant
        .run(&state, move |conn| variants::delete(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Adds `delta` units (a delivery) or takes them away (a count, breakage);
/// concurrent changes add up. Below zero is refused with
/// `insufficient_stock`.
#[utoipa::path(post, path = "/variants/{id}/stock", tag = "catalog",
    operation_id = "adjust_variant_stock",
    params(("id" = Uuid, Path, description = "The variant's id")),
    request_body = StockBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The variant with its new stock", body = VariantView),
        StockProblems))]
async fn stock(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Json<StockBody>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Variant)?;
    let delta = delta(body.delta)?;
    let variant = tenant
        .run(&state, move |conn| variants::adjust_stock(conn, id, delta))
        .await?;
    Ok(HttpResponse::Ok().json(variant))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_update, update)
        .add(__path_delete, delete)
        .add(__path_stock, stock);
}

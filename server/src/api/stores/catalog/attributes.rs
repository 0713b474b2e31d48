//! /categories/{id}/attributes: what products of a category describe
//! themselves with, inherited by its subcategories. Anyone reads; staff
//! change.

use actix_web::{web, HttpRequest, HttpResponse};
use stores::catalog::attributes::{
    self, AttributeBody, AttributePatch, AttributeView, NewAttribute,
};
use stores::catalog::Missing;

use super::{id_of, language, LangQuery};
use crate::api::Items;
use crate::extract::{CurrentTenant, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ListProblems { 404 => [category_not_found] });
problems!(CreateProblems {
    404 => [category_not_found],
    409 => [attribute_code_taken],
    422 => [validation_failed],
});
problems!(UpdateProblems {
    404 => [category_not_found, attribute_not_found],
    422 => [validation_failed],
});
problems!(DeleteProblems {
    404 => [category_not_found, attribute_not_found],
    409 => [attribute_in_use],
});

/// The category's own attributes and those it inherits, from the
/// top-level category's down (`inherited` marks the latter).
#[utoipa::path(get, path = "/categories/{id}/attributes", tag = "catalog",
    operation_id = "list_category_attributes",
    params(("id" = Uuid, Path, description = "The category's id"), LangQuery),
    responses((status = 200, description = "The attributes", body = Items<AttributeView>),
        ListProblems))]
async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Category)?;
    let lang = language(&req, query.lang.as_deref());
    let items = tenant
        .run(&state, move |conn| attributes::list(conn, id, lang))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/categories/{id}/attributes", tag = "catalog",
    operation_id = "create_category_attribute",
    params(("id" = Uuid, Path, description = "The category's id")),
    request_body = AttributeBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new attribute", body = AttributeView),
        CreateProblems))]
async fn create(
    req: HttpRequest,
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Json<AttributeBody>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Category)?;
    let new = NewAttribute::parse(body.into_inner())?;
    let lang = language(&req, None);
    let attribute = tenant
        .run(&state, move |conn| attributes::create(conn, id, lang, &new))
        .await?;
    Ok(HttpResponse::Created().json(attribute))
}

/// Name, translations, whether it is required, options, position. Only
/// on the category that defines it.
#[utoipa::path(patch, path = "/categories/{id}/attributes/{code}", tag = "catalog",
    operation_id = "update_category_attribute",
    params(("id" = Uuid, Path, description = "The category's id"),
        ("code" = String, Path, description = "The attribute's code")),
    request_body = AttributePatch,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The attribute as it now is", body = AttributeView),
        UpdateProblems))]
async fn update(
    req: HttpRequest,
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<(String, String)>,
    body: web::Json<AttributePatch>,
) -> ApiResult<HttpResponse> {
    let (raw_id, code) = path.into_inner();
    let id = id_of(&raw_id, Missing::Category)?;
    let patch = body.into_inner();
    let lang = language(&req, None);
    let attribute = tenant
        .run(&state, move |conn| {
            attributes::update(conn, id, &code, lang, patch)
        })
        .await?;
    Ok(HttpResponse::Ok().json(attribute))
}

/// A product attribute's values leave the products; a variant attribute
/// is refused while variants carry it.
#[utoipa::path(delete, path = "/categories/{id}/attributes/{code}", tag = "catalog",
    operation_id = "delete_category_attribute",
    params(("id" = Uuid, Path, description = "The category's id"),
        ("code" = String, Path, description = "The attribute's code")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), DeleteProblems))]
async fn delete(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (raw_id, code) = path.into_inner();
    let id = id_of(&raw_id, Missing::Category)?;
    tenant
        .run(&state, move |conn| attributes::delete(conn, id, &code))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_update, update)
        .add(__path_delete, delete);
}

//! /categories: the tree, one category with its breadcrumbs, and staff's
//! changes (create, rename, move with the subtree, delete).

use actix_web::{web, HttpRequest, HttpResponse};
use stores::catalog::categories::{
    self, CategoryBody, CategoryChanges, CategoryDetail, CategoryNode, CategoryPatch, CategoryView,
    Crumb, NewCategory,
};
use stores::catalog::Missing;

use super::{id_of, language, LangQuery};
use crate::api::Items;
use crate::extract::{CurrentTenant, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(OneProblems { 404 => [category_not_found] });
problems!(CreateProblems {
    409 => [category_name_taken],
    422 => [validation_failed],
});
problems!(UpdateProblems {
    404 => [category_not_found],
    409 => [category_name_taken, category_cycle, attribute_code_taken],
    422 => [validation_failed],
});
problems!(DeleteProblems {
    404 => [category_not_found],
    409 => [category_in_use],
});

/// Every category, as a tree: top-level categories first, each with its
/// subcategories, in their order (position, then name), and the products
/// on sale in its subtree.
#[utoipa::path(get, path = "/categories", tag = "catalog", operation_id = "list_product_categories",
    params(LangQuery),
    responses((status = 200, description = "The tree", body = Items<CategoryNode>)))]
async fn tree(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    query: web::Query<LangQuery>,
) -> ApiResult<HttpResponse> {
    let lang = language(&req, query.lang.as_deref());
    let items = tenant
        .run(&state, move |conn| categories::tree(conn, lang))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/categories", tag = "catalog", operation_id = "create_product_category",
    request_body = CategoryBody,
    security(("bearer" = ["staff"])),
    responses(
        (status = 201, description = "The new category", body = CategoryView,
            headers(("Location" = String, description = "The category's URL"))),
        CreateProblems))]
async fn create(
    req: HttpRequest,
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let new = NewCategory::parse(body.into_inner())?;
    let lang = language(&req, None);
    let category = tenant
        .run(&state, move |conn| categories::create(conn, lang, &new))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/categories/{}", category.id)))
        .json(category))
}

#[utoipa::path(get, path = "/categories/{id}", tag = "catalog", operation_id = "get_product_category",
    params(("id" = Uuid, Path, description = "The category's id"), LangQuery),
    responses((status = 200, description = "The category and the way down to it",
        body = CategoryDetail), OneProblems))]
async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Category)?;
    let lang = language(&req, query.lang.as_deref());
    let category = tenant
        .run(&state, move |conn| categories::get(conn, id, lang))
        .await?;
    Ok(HttpResponse::Ok().json(category))
}

/// From the top-level category down to this one, itself included.
#[utoipa::path(get, path = "/categories/{id}/breadcrumbs", tag = "catalog",
    operation_id = "get_product_category_breadcrumbs",
    params(("id" = Uuid, Path, description = "The category's id"), LangQuery),
    responses((status = 200, description = "The breadcrumbs", body = Items<Crumb>), OneProblems))]
async fn breadcrumbs(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Category)?;
    let lang = language(&req, query.lang.as_deref());
    let items = tenant
        .run(&state, move |conn| categories::breadcrumbs(conn, id, lang))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

/// Renames, translates, re-orders; `parent_id` moves the category with
/// everything under it (refused under itself or its own subcategories).
#[utoipa::path(patch, path = "/categories/{id}", tag = "catalog",
    operation_id = "update_product_category",
    params(("id" = Uuid, Path, description = "The category's id")),
    request_body = CategoryPatch,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The category as it now is", body = CategoryView),
        UpdateProblems))]
async fn update(
    req: HttpRequest,
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Json<CategoryPatch>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Category)?;
    let changes = CategoryChanges::parse(body.into_inner())?;
    let lang = language(&req, None);
    let category = tenant
        .run(&state, move |conn| {
            categories::update(conn, id, lang, &changes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(category))
}

/// Refused while it has subcategories or products; its attributes go
/// with it.
#[utoipa::path(delete, path = "/categories/{id}", tag = "catalog",
    operation_id = "delete_product_category",
    params(("id" = Uuid, Path, description = "The category's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), DeleteProblems))]
async fn delete(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Category)?;
    tenant
        .run(&state, move |conn| categories::delete(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_tree, tree)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update)
        .add(__path_delete, delete)
        .add(__path_breadcrumbs, breadcrumbs);
}

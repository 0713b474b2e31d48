//! /products: the public list (filters, search, sorts, cursor pages,
//! facets) and one product with its variants; staff create, change and
//! delete products within the plan's `products` limit.

use actix_web::{web, HttpRequest, HttpResponse};
use stores::catalog::listing::{ListRequest, ProductListQuery};
use stores::catalog::products::{self, NewProduct, ProductBody, ProductChanges, ProductPatch};
use stores::catalog::{list_products, Missing, ProductPage, ProductView, Visibility};

use super::{id_of, language, ReadQuery};
use crate::extract::{CurrentTenant, SignedIn, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ListProblems { 400 => [invalid_cursor, invalid_limit, invalid_query] });
problems!(OneProblems { 404 => [product_not_found] });
problems!(CreateProblems {
    403 => [plan_limit_reached],
    422 => [validation_failed],
});
problems!(UpdateProblems {
    404 => [product_not_found],
    422 => [validation_failed],
});

fn is_staff(user: &Option<SignedIn>) -> bool {
    user.as_ref().is_some_and(|u| u.0.role.is_staff())
}

/// Products on sale, filtered and sorted, a page at a time; with
/// `facets=true`, counts over the whole filtered set too.
#[utoipa::path(get, path = "/products", tag = "catalog", operation_id = "list_products",
    params(ProductListQuery),
    security((), ("bearer" = [])),
    responses((status = 200, description = "One page", body = ProductPage), ListProblems))]
async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    query: web::Query<Vec<(String, String)>>,
) -> ApiResult<HttpResponse> {
    let mut request = ListRequest::from_pairs(&query, is_staff(&user))?;
    if request.lang.is_none() {
        request.lang = language(&req, None);
    }
    let page = tenant
        .run(&state, move |conn| list_products(conn, &request))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[utoipa::path(post, path = "/products", tag = "catalog", operation_id = "create_product",
    request_body = ProductBody,
    security(("bearer" = ["staff"])),
    responses(
        (status = 201, description = "The new product", body = ProductView,
            headers(("Location" = String, description = "The product's URL"))),
        CreateProblems))]
async fn create(
    req: HttpRequest,
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<ProductBody>,
) -> ApiResult<HttpResponse> {
    let new = NewProduct::parse(body.into_inner())?;
    let lang = language(&req, None);
    let tenant_id = tenant.id;
    let product = tenant
        .run(&state, move |conn| {
            products::create(conn, tenant_id, lang, &new)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/products/{}", product.id)))
        .json(product))
}

/// The product with its variants on sale and its category's breadcrumbs.
/// Each read counts towards `view_count` (written in batches).
#[utoipa::path(get, path = "/products/{id}", tag = "catalog", operation_id = "get_product",
    params(("id" = Uuid, Path, description = "The product's id"), ReadQuery),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The product", body = ProductView), OneProblems))]
async fn get(
    req: HttpRequest,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    path: web::Path<String>,
    query: web::Query<ReadQuery>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Product)?;
    let visibility = Visibility::of(is_staff(&user), query.include_inactive == Some(true));
    let lang = language(&req, query.lang.as_deref());
    let product = tenant
        .run(&state, move |conn| {
            stores::catalog::product(conn, id, visibility, lang)
        })
        .await?;
    if product.active {
        state.catalog_views.record(&tenant.schema, product.id);
    }
    Ok(HttpResponse::Ok().json(product))
}

/// Changes the fields sent; a new category or new values are checked
/// against the category's attributes (a move checks the variants too).
#[utoipa::path(patch, path = "/products/{id}", tag = "catalog", operation_id = "update_product",
    params(("id" = Uuid, Path, description = "The product's id")),
    request_body = ProductPatch,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The product as it now is", body = ProductView),
        UpdateProblems))]
async fn update(
    req: HttpRequest,
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Json<ProductPatch>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Product)?;
    let changes = ProductChanges::parse(body.into_inner())?;
    let lang = language(&req, None);
    let product = tenant
        .run(&state, move |conn| {
            products::update(conn, id, lang, &changes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(product))
}

/// Deletes the product and its variants; orders keep their own copy of
/// what was bought. To take it off sale instead, set `active` to false.
#[utoipa::path(delete, path = "/products/{id}", tag = "catalog", operation_id = "delete_product",
    params(("id" = Uuid, Path, description = "The product's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), OneProblems))]
async fn delete(
    _staff: StaffUser,
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_of(&path, Missing::Product)?;
    tenant
        .run(&state, move |conn| products::delete(conn, id))
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

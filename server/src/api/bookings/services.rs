//! /services and /service-categories: what can be booked. Staff write,
//! anyone reads.

use actix_web::{web, HttpResponse};
use bookings::services::categories::{self, Category, CategoryBody, CategoryChanges, NewCategory};
use bookings::services::{
    self, Listing, NewService, Service, ServiceBody, ServiceChanges, ServicePatch,
};
use uuid::Uuid;

use super::schedules;
use crate::api::Items;
use crate::extract::{CurrentTenant, SignedIn, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CreateProblems { 422 => [validation_failed] });
problems!(NewServiceProblems {
    403 => [plan_limit_reached],
    422 => [validation_failed],
});

/// How the document shows the body of a new category: `CategoryBody`
/// (which creating and changing share) with its name required. Only the
/// document reads it; a unit test keeps its fields those of `CategoryBody`.
#[derive(utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewServiceCategoryBody)]
#[allow(dead_code)]
pub(crate) struct NewCategoryBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    name: String,
    position: Option<i32>,
}
problems!(OneProblems { 404 => [service_not_found] });
problems!(UpdateProblems {
    404 => [service_not_found],
    422 => [validation_failed],
});
problems!(CategoryProblems {
    404 => [category_not_found],
    422 => [validation_failed],
});
problems!(OneCategoryProblems { 404 => [category_not_found] });

/// Customers and visitors see what they can book; staff see every service
/// not deleted.
#[utoipa::path(get, path = "/services", tag = "services", operation_id = "list_services",
    security((), ("bearer" = [])),
    responses((status = 200, description = "The services", body = Items<Service>)))]
async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
) -> ApiResult<HttpResponse> {
    let listing = if user.is_some_and(|u| u.0.role.is_staff()) {
        Listing::All
    } else {
        Listing::Bookable
    };
    let items = tenant
        .run(&state, move |conn| services::list(conn, listing))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/services", tag = "services", operation_id = "create_service",
    request_body = ServiceBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new service", body = Service), NewServiceProblems))]
async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<ServiceBody>,
) -> ApiResult<HttpResponse> {
    let new = NewService::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let tenant_id = tenant.id;
    let service = tenant
        .run(&state, move |conn| {
            services::create(conn, tenant_id, &schedules, &new)
        })
        .await?;
    Ok(HttpResponse::Created().json(service))
}

#[utoipa::path(get, path = "/services/{id}", tag = "services", operation_id = "get_service",
    params(("id" = Uuid, Path, description = "The service's id")),
    responses((status = 200, description = "The service", body = Service), OneProblems))]
async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let service = tenant
        .run(&state, move |conn| services::get(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(service))
}

/// Changes the fields sent; `description` and `category_id` may be null.
#[utoipa::path(patch, path = "/services/{id}", tag = "services", operation_id = "update_service",
    params(("id" = Uuid, Path, description = "The service's id")),
    request_body = ServicePatch,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The service as it now is", body = Service),
        UpdateProblems))]
async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<ServicePatch>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let changes = ServiceChanges::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let service = tenant
        .run(&state, move |conn| {
            services::update(conn, &schedules, id, &changes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(service))
}

/// Soft delete: past bookings keep pointing at the service.
#[utoipa::path(delete, path = "/services/{id}", tag = "services", operation_id = "delete_service",
    params(("id" = Uuid, Path, description = "The service's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), OneProblems))]
async fn remove(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let schedules = schedules(&state, &tenant);
    tenant
        .run(&state, move |conn| services::remove(conn, &schedules, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// By position, then name.
#[utoipa::path(get, path = "/service-categories", tag = "services",
    operation_id = "list_service_categories",
    responses((status = 200, description = "The categories", body = Items<Category>)))]
async fn list_categories(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
) -> ApiResult<HttpResponse> {
    let items = tenant.run(&state, categories::list).await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/service-categories", tag = "services",
    operation_id = "create_service_category",
    request_body = NewCategoryBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new category", body = Category),
        CreateProblems))]
async fn create_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let new = NewCategory::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let category = tenant
        .run(&state, move |conn| {
            categories::create(conn, &schedules, &new)
        })
        .await?;
    Ok(HttpResponse::Created().json(category))
}

#[utoipa::path(patch, path = "/service-categories/{id}", tag = "services",
    operation_id = "update_service_category",
    params(("id" = Uuid, Path, description = "The category's id")),
    request_body = CategoryBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The category as it now is", body = Category),
        CategoryProblems))]
async fn update_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let changes = CategoryChanges::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let category = tenant
        .run(&state, move |conn| {
            categories::update(conn, &schedules, id, &changes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(category))
}

/// Its services stay, without a category.
#[utoipa::path(delete, path = "/service-categories/{id}", tag = "services",
    operation_id = "delete_service_category",
    params(("id" = Uuid, Path, description = "The category's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), OneCategoryProblems))]
async fn remove_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let schedules = schedules(&state, &tenant);
    tenant
        .run(&state, move |conn| categories::remove(conn, &schedules, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_show, show)
        .add(__path_update, update)
        .add(__path_remove, remove)
        .add(__path_list_categories, list_categories)
        .add(__path_create_category, create_category)
        .add(__path_update_category, update_category)
        .add(__path_remove_category, remove_category);
}

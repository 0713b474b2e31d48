//! /api/v1/customers: read the request, run one customers operation in the
//! tenant's transaction, shape the answer. Staff only; exporting and erasing
//! a person's data are for the owner and admins.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpRequest, HttpResponse};
use uuid::Uuid;

use crate::extract::{accessor, AdminUser, ClientAddr, CurrentTenant, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::customers::export::ExportDocument;
use ::customers::listing::{ListFilter, ListQuery};
use ::customers::model::{CreateBody, Customer, CustomerChanges, NewCustomer, Page, PatchBody};
use ::customers::{export, repo, CustomerError};

problems!(ListProblems { 400 => [invalid_cursor, invalid_limit, invalid_query] });
problems!(CreateProblems {
    403 => [plan_limit_reached],
    409 => [customer_email_taken],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [customer_not_found] });
problems!(UpdateProblems {
    404 => [customer_not_found],
    409 => [customer_email_taken, customer_erased],
    422 => [validation_failed],
});

/// A malformed id can name no customer, so it gets the same 404 as an unknown one.
fn customer_id(raw: &str) -> Result<Uuid, CustomerError> {
    Uuid::parse_str(raw).map_err(|_| CustomerError::NotFound)
}

#[utoipa::path(get, path = "/customers", tag = "customers", operation_id = "list_customers",
    params(ListQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "One page, newest first", body = Page), ListProblems))]
pub async fn list(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let filter = ListFilter::parse(query.into_inner())?;
    let page = tenant
        .run(&state, move |conn| repo::list(conn, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[utoipa::path(post, path = "/customers", tag = "customers", operation_id = "create_customer",
    request_body = CreateBody,
    security(("bearer" = ["staff"])),
    responses(
        (status = 201, description = "The new customer", body = Customer,
            headers(("Location" = String, description = "The customer's URL"))),
        CreateProblems))]
pub async fn create(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    body: web::Json<CreateBody>,
) -> ApiResult<HttpResponse> {
    let new = NewCustomer::parse(body.into_inner())?;
    let tenant_id = tenant.id;
    let customer = tenant
        .run(&state, move |conn| {
            repo::create_within_plan(conn, tenant_id, &new)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/customers/{}", customer.id)))
        .json(customer))
}

#[utoipa::path(get, path = "/customers/{id}", tag = "customers", operation_id = "get_customer",
    params(("id" = Uuid, Path, description = "The customer's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The customer", body = Customer), OneProblems))]
pub async fn get(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let customer = tenant.run(&state, move |conn| repo::find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(customer))
}

/// Changes the fields sent; `null` clears an optional one.
#[utoipa::path(patch, path = "/customers/{id}", tag = "customers", operation_id = "update_customer",
    params(("id" = Uuid, Path, description = "The customer's id")),
    request_body = PatchBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The customer as it now is", body = Customer), UpdateProblems))]
pub async fn update(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let changes = CustomerChanges::parse(body.into_inner())?;
    let customer = tenant
        .run(&state, move |conn| repo::update(conn, id, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(customer))
}

/// Soft delete: the record leaves lists and look-ups.
#[utoipa::path(delete, path = "/customers/{id}", tag = "customers", operation_id = "delete_customer",
    params(("id" = Uuid, Path, description = "The customer's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "Deleted"), OneProblems))]
pub async fn delete(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    tenant
        .run(&state, move |conn| repo::soft_delete(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Everything the site holds on the person, as one JSON document.
#[utoipa::path(get, path = "/customers/{id}/export", tag = "customers", operation_id = "export_customer",
    params(("id" = Uuid, Path, description = "The customer's id")),
    security(("bearer" = ["admin"])),
    responses(
        (status = 200, description = "The export, as an attachment", body = ExportDocument,
            headers(("Content-Disposition" = String, description = "attachment; filename=customer-<id>.json"))),
        OneProblems))]
pub async fn export(
    AdminUser(admin): AdminUser,
    addr: ClientAddr,
    req: HttpRequest,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let owner = tenant.0.clone();
    let data = state.customer_data.clone();
    let who = accessor(&admin, &addr, &req);
    let document = tenant
        .run(&state, move |conn| {
            export::gather(conn, &owner, &data, &who, id)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("customer-{id}.json"))],
        })
        .json(document))
}

/// Removes the person's data from the record and from every capability's
/// records; what the business must keep (that a booking happened) stays.
#[utoipa::path(post, path = "/customers/{id}/erase", tag = "customers", operation_id = "erase_customer",
    params(("id" = Uuid, Path, description = "The customer's id")),
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The erased record", body = Customer), OneProblems))]
pub async fn erase(
    AdminUser(admin): AdminUser,
    addr: ClientAddr,
    req: HttpRequest,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let data = state.customer_data.clone();
    let who = accessor(&admin, &addr, &req);
    let customer = tenant
        .run(&state, move |conn| repo::erase(conn, &data, &who, id))
        .await?;
    Ok(HttpResponse::Ok().json(customer))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update)
        .add(__path_delete, delete)
        .add(__path_export, export)
        .add(__path_erase, erase);
}

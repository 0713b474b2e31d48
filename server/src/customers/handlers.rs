//! HTTP handlers: read the request, run one customers function in the
//! tenant's transaction, shape the answer. Staff only.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::listing::{ListFilter, ListQuery};
use super::model::{CreateBody, CustomerChanges, NewCustomer, PatchBody};
use super::{export, repo};
use crate::auth::tokens::StaffUser;
use crate::db;
use crate::error::AppResult;
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

/// A malformed id can name no customer, so it gets the same 404 as an unknown one.
fn customer_id(raw: &str) -> AppResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| repo::not_found())
}

pub async fn list(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let filter = ListFilter::parse(query.into_inner())?;
    let page = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        repo::list(conn, &filter)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

pub async fn create(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    body: web::Json<CreateBody>,
) -> AppResult<HttpResponse> {
    let new = NewCustomer::parse(body.into_inner())?;
    let customer = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        repo::create(conn, &new)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/customers/{}", customer.id)))
        .json(customer))
}

pub async fn get(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = customer_id(&path)?;
    let customer = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        repo::find(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(customer))
}

pub async fn update(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> AppResult<HttpResponse> {
    let id = customer_id(&path)?;
    let changes = CustomerChanges::parse(body.into_inner())?;
    let customer = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        repo::update(conn, id, &changes)
    })
    .await?;
    Ok(HttpResponse::Ok().json(customer))
}

pub async fn delete(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = customer_id(&path)?;
    db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        repo::soft_delete(conn, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn export(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = customer_id(&path)?;
    let owner = tenant.0.clone();
    let document = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        export::gather(conn, &owner, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("customer-{id}.json"))],
        })
        .json(document))
}

pub async fn erase(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = customer_id(&path)?;
    let customer = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        repo::erase(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(customer))
}

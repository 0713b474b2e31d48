//! /api/v1/customers: read the request, run one customers operation in the
//! tenant's transaction, shape the answer. Staff only.

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpResponse};
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::extract::StaffUser;
use crate::input_errors::method_not_allowed;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::customers::listing::{ListFilter, ListQuery};
use ::customers::model::{CreateBody, CustomerChanges, NewCustomer, PatchBody};
use ::customers::{export, repo, CustomerError};

/// A malformed id can name no customer, so it gets the same 404 as an unknown one.
fn customer_id(raw: &str) -> Result<Uuid, CustomerError> {
    Uuid::parse_str(raw).map_err(|_| CustomerError::NotFound)
}

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

pub async fn create(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    body: web::Json<CreateBody>,
) -> ApiResult<HttpResponse> {
    let new = NewCustomer::parse(body.into_inner())?;
    let customer = tenant
        .run(&state, move |conn| repo::create(conn, &new))
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
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let customer = tenant.run(&state, move |conn| repo::find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(customer))
}

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

pub async fn export(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let owner = tenant.0.clone();
    let data = state.customer_data.clone();
    let document = tenant
        .run(&state, move |conn| export::gather(conn, &owner, &data, id))
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
) -> ApiResult<HttpResponse> {
    let id = customer_id(&path)?;
    let data = state.customer_data.clone();
    let customer = tenant
        .run(&state, move |conn| repo::erase(conn, &data, id))
        .await?;
    Ok(HttpResponse::Ok().json(customer))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/customers")
            .route(web::get().to(list))
            .route(web::post().to(create))
            .default_service(web::to(method_not_allowed)),
    )
    .service(
        web::resource("/customers/{id}")
            .route(web::get().to(get))
            .route(web::patch().to(update))
            .route(web::delete().to(delete))
            .default_service(web::to(method_not_allowed)),
    )
    .service(
        web::resource("/customers/{id}/export")
            .route(web::get().to(export))
            .default_service(web::to(method_not_allowed)),
    )
    .service(
        web::resource("/customers/{id}/erase")
            .route(web::post().to(erase))
            .default_service(web::to(method_not_allowed)),
    );
}

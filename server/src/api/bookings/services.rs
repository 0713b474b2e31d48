//! /services and /service-categories: what can be booked. Staff write,
//! anyone reads.

use actix_web::{web, HttpResponse};
use bookings::services::categories::{self, CategoryBody, CategoryChanges, NewCategory};
use bookings::services::{self, Listing, NewService, ServiceBody, ServiceChanges, ServicePatch};
use uuid::Uuid;

use super::schedules;
use crate::extract::{CurrentTenant, SignedIn, StaffUser};
use crate::problem::ApiResult;
use crate::state::AppState;

async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
) -> ApiResult<HttpResponse> {
    // Customers and visitors see what they can book; staff see everything.
    let listing = if user.is_some_and(|u| u.0.role.is_staff()) {
        Listing::All
    } else {
        Listing::Bookable
    };
    let items = tenant
        .run(&state, move |conn| services::list(conn, listing))
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<ServiceBody>,
) -> ApiResult<HttpResponse> {
    let new = NewService::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let service = tenant
        .run(&state, move |conn| services::create(conn, &schedules, &new))
        .await?;
    Ok(HttpResponse::Created().json(service))
}

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

async fn list_categories(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
) -> ApiResult<HttpResponse> {
    let items = tenant.run(&state, categories::list).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn create_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let new = NewCategory::parse(body.into_inner())?;
    let category = tenant
        .run(&state, move |conn| categories::create(conn, &new))
        .await?;
    Ok(HttpResponse::Created().json(category))
}

async fn update_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<CategoryBody>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let changes = CategoryChanges::parse(body.into_inner())?;
    let category = tenant
        .run(&state, move |conn| categories::update(conn, id, &changes))
        .await?;
    Ok(HttpResponse::Ok().json(category))
}

async fn remove_category(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    tenant
        .run(&state, move |conn| categories::remove(conn, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/services")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(
        web::resource("/services/{id}")
            .route(web::get().to(show))
            .route(web::patch().to(update))
            .route(web::delete().to(remove)),
    )
    .service(
        web::resource("/service-categories")
            .route(web::get().to(list_categories))
            .route(web::post().to(create_category)),
    )
    .service(
        web::resource("/service-categories/{id}")
            .route(web::patch().to(update_category))
            .route(web::delete().to(remove_category)),
    );
}

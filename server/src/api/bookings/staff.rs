//! /staff: the people who take bookings. Staff write, anyone reads.

use actix_web::{web, HttpResponse};
use bookings::staff::{self, NewStaff, StaffBody, StaffChanges, StaffPatch};
use uuid::Uuid;

use super::schedules;
use crate::extract::{CurrentTenant, StaffUser};
use crate::problem::ApiResult;
use crate::state::AppState;

async fn list(state: web::Data<AppState>, tenant: CurrentTenant) -> ApiResult<HttpResponse> {
    let items = tenant.run(&state, staff::list).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<StaffBody>,
) -> ApiResult<HttpResponse> {
    let new = NewStaff::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let member = tenant
        .run(&state, move |conn| staff::create(conn, &schedules, &new))
        .await?;
    Ok(HttpResponse::Created().json(member))
}

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let member = tenant.run(&state, move |conn| staff::get(conn, id)).await?;
    Ok(HttpResponse::Ok().json(member))
}

async fn update(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
    body: web::Json<StaffPatch>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let changes = StaffChanges::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let member = tenant
        .run(&state, move |conn| {
            staff::update(conn, &schedules, id, &changes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(member))
}

/// Soft delete: past bookings keep pointing at the member.
async fn remove(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let schedules = schedules(&state, &tenant);
    tenant
        .run(&state, move |conn| staff::remove(conn, &schedules, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/staff")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(
        web::resource("/staff/{id}")
            .route(web::get().to(show))
            .route(web::patch().to(update))
            .route(web::delete().to(remove)),
    );
}

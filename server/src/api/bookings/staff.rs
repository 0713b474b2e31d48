//! /staff: the people who take bookings. Staff write; anyone reads, but
//! only the team sees contact details and account links.

use actix_web::{web, HttpResponse};
use bookings::staff::{self, Audience, NewStaff, StaffBody, StaffChanges, StaffPatch};
use uuid::Uuid;

use super::schedules;
use crate::extract::{CurrentTenant, SignedIn, StaffUser};
use crate::problem::ApiResult;
use crate::state::AppState;

/// The owner, admins and staff are the team; customers, visitors and a
/// token that does not check out are the public.
fn audience(user: Option<SignedIn>) -> Audience {
    if user.is_some_and(|u| u.0.role.is_staff()) {
        Audience::Team
    } else {
        Audience::Public
    }
}

async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
) -> ApiResult<HttpResponse> {
    let audience = audience(user);
    let items = tenant
        .run(&state, move |conn| staff::list(conn, audience))
        .await?;
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
    user: Option<SignedIn>,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let audience = audience(user);
    let member = tenant
        .run(&state, move |conn| staff::get(conn, id, audience))
        .await?;
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

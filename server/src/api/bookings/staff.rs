//! /staff: the people who take bookings. Staff write; anyone reads, but
//! only the team sees contact details and account links.

use actix_web::{web, HttpResponse};
use bookings::staff::{
    self, Audience, NewStaff, StaffBody, StaffChanges, StaffMember, StaffPatch, StaffView,
};
use uuid::Uuid;

use super::schedules;
use crate::api::Items;
use crate::extract::{CurrentTenant, SignedIn, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CreateProblems {
    403 => [plan_limit_reached],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [staff_not_found] });
problems!(UpdateProblems {
    404 => [staff_not_found],
    422 => [validation_failed],
});

/// The owner, admins and staff are the team; customers, visitors and a
/// token that does not check out are the public.
fn audience(user: Option<SignedIn>) -> Audience {
    if user.is_some_and(|u| u.0.role.is_staff()) {
        Audience::Team
    } else {
        Audience::Public
    }
}

/// The team sees every field; anyone else names, services and whether a
/// member is active.
#[utoipa::path(get, path = "/staff", tag = "staff", operation_id = "list_staff",
    security((), ("bearer" = [])),
    responses((status = 200, description = "The staff members", body = Items<StaffView>)))]
async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
) -> ApiResult<HttpResponse> {
    let audience = audience(user);
    let items = tenant
        .run(&state, move |conn| staff::list(conn, audience))
        .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/staff", tag = "staff", operation_id = "create_staff",
    request_body = StaffBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new staff member", body = StaffMember),
        CreateProblems))]
async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    body: web::Json<StaffBody>,
) -> ApiResult<HttpResponse> {
    let new = NewStaff::parse(body.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let tenant_id = tenant.id;
    let member = tenant
        .run(&state, move |conn| {
            staff::create(conn, tenant_id, &schedules, &new)
        })
        .await?;
    Ok(HttpResponse::Created().json(member))
}

#[utoipa::path(get, path = "/staff/{id}", tag = "staff", operation_id = "get_staff",
    params(("id" = Uuid, Path, description = "The staff member's id")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The staff member", body = StaffView), OneProblems))]
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

/// Changes the fields sent; `email`, `phone` and `user_id` may be null.
/// `service_ids` replaces the services performed.
#[utoipa::path(patch, path = "/staff/{id}", tag = "staff", operation_id = "update_staff",
    params(("id" = Uuid, Path, description = "The staff member's id")),
    request_body = StaffPatch,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The member as they now are", body = StaffMember),
        UpdateProblems))]
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
#[utoipa::path(delete, path = "/staff/{id}", tag = "staff", operation_id = "delete_staff",
    params(("id" = Uuid, Path, description = "The staff member's id")),
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
        .run(&state, move |conn| staff::remove(conn, &schedules, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_show, show)
        .add(__path_update, update)
        .add(__path_remove, remove);
}

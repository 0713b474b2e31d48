//! Treatment plans: staff list a patient's plans, make, read and change
//! them; each answer counts the sessions attended (the patient's completed
//! appointments since the plan's start). Every request that reaches a
//! patient's record leaves one access row.

use actix_web::{web, HttpResponse};
use clinics::plans::{self, CreateBody, PatchBody, PlanError, PlanView};
use uuid::Uuid;

use super::located::{audited_on, ClinicStaff};
use crate::api::Items;
use crate::extract::CurrentTenant;
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ListProblems { 404 => [patient_not_found] });
problems!(CreateProblems {
    404 => [patient_not_found],
    409 => [patient_archived],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [plan_not_found] });
problems!(UpdateProblems {
    404 => [plan_not_found],
    422 => [validation_failed],
});

/// A malformed id names nothing: the same 404 as an unknown one.
fn patient_id(raw: &str) -> Result<Uuid, PlanError> {
    Uuid::parse_str(raw).map_err(|_| PlanError::PatientNotFound)
}

fn plan_id(raw: &str) -> Result<Uuid, PlanError> {
    Uuid::parse_str(raw).map_err(|_| PlanError::NotFound)
}

#[utoipa::path(get, path = "/patients/{id}/plans", tag = "clinic", operation_id = "list_plans",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The patient's plans, newest first (at most 100)",
        body = Items<PlanView>), ListProblems))]
pub async fn list(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let patient = patient_id(&path)?;
    let items = super::audited(
        &state,
        &tenant,
        &me.who,
        "list_plans",
        patient,
        move |conn| plans::list(conn, patient),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/patients/{id}/plans", tag = "clinic", operation_id = "create_plan",
    params(("id" = Uuid, Path, description = "The patient's id")),
    request_body = CreateBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new, active plan", body = PlanView,
        headers(("Location" = String, description = "The plan's URL"))), CreateProblems))]
pub async fn create(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<CreateBody>,
) -> ApiResult<HttpResponse> {
    let patient = patient_id(&path)?;
    let staff = me.user.user_id;
    let body = body.into_inner();
    let plan = super::audited(
        &state,
        &tenant,
        &me.who,
        "create_plan",
        patient,
        move |conn| plans::create(conn, patient, staff, &body),
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/plans/{}", plan.id)))
        .json(plan))
}

#[utoipa::path(get, path = "/plans/{id}", tag = "clinic", operation_id = "get_plan",
    params(("id" = Uuid, Path, description = "The plan's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The plan, with its sessions counted", body = PlanView),
        OneProblems))]
pub async fn get(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = plan_id(&path)?;
    let plan = audited_on(
        &state,
        &tenant,
        &me.who,
        "read_plan",
        move |conn| plans::patient_of(conn, id),
        move |conn| plans::read(conn, id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(plan))
}

/// Changes the fields sent; `review_on: null` clears the review date.
/// `status: completed` stops later appointments counting.
#[utoipa::path(patch, path = "/plans/{id}", tag = "clinic", operation_id = "update_plan",
    params(("id" = Uuid, Path, description = "The plan's id")),
    request_body = PatchBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The plan as it now is", body = PlanView), UpdateProblems))]
pub async fn update(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> ApiResult<HttpResponse> {
    let id = plan_id(&path)?;
    let patch = body.into_inner();
    let plan = audited_on(
        &state,
        &tenant,
        &me.who,
        "update_plan",
        move |conn| plans::patient_of(conn, id),
        move |conn| plans::update(conn, id, &patch),
    )
    .await?;
    Ok(HttpResponse::Ok().json(plan))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update);
}

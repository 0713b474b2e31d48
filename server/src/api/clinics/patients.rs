//! /api/v1/patients: the clinic's patients, for the site's owner, admins
//! and staff. Every handler that reads or changes one record runs its work
//! through [`audited`], so each such request leaves one access row; the
//! list shows no clinical field and is not audited per patient.

use actix_web::{web, HttpResponse};
use uuid::Uuid;

use super::{audited, staff_only};
use crate::extract::{Audited, CurrentTenant, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use clinics::patients::{
    self, CreateBody, ListFilter, ListQuery, NewPatient, Page, PatchBody, Patient, PatientError,
};

problems!(ListProblems { 400 => [invalid_cursor, invalid_limit, invalid_query] });
problems!(CreateProblems {
    403 => [plan_limit_reached],
    409 => [customer_already_patient],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [patient_not_found] });
problems!(UpdateProblems {
    404 => [patient_not_found],
    409 => [patient_archived, version_conflict, customer_already_patient],
    422 => [validation_failed],
});
problems!(UnarchiveProblems {
    403 => [plan_limit_reached],
    404 => [patient_not_found],
});

/// A malformed id names no patient: the same 404 as an unknown one, and
/// no access row (nothing was reached).
pub(super) fn patient_id(raw: &str) -> Result<Uuid, PatientError> {
    Uuid::parse_str(raw).map_err(|_| PatientError::NotFound)
}

#[utoipa::path(get, path = "/patients", tag = "clinic", operation_id = "list_patients",
    params(ListQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "One page: by similarity for a name search, \
        by code for a code, by name otherwise", body = Page), ListProblems))]
pub async fn list(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let filter = ListFilter::parse(query.into_inner())?;
    let page = tenant
        .run(&state, move |conn| patients::list(conn, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[utoipa::path(post, path = "/patients", tag = "clinic", operation_id = "create_patient",
    request_body = CreateBody,
    security(("bearer" = ["staff"])),
    responses(
        (status = 201, description = "The new patient, with its code", body = Patient,
            headers(("Location" = String, description = "The patient's URL"))),
        CreateProblems))]
pub async fn create(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    body: web::Json<CreateBody>,
) -> ApiResult<HttpResponse> {
    staff_only(&audit.user)?;
    let new = NewPatient::parse(body.into_inner())?;
    let (id, tenant_id) = (Uuid::new_v4(), tenant.id);
    let patient = audited(
        &state,
        &tenant,
        &audit.who,
        "create_patient",
        id,
        move |conn| patients::create(conn, tenant_id, id, &new),
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/patients/{id}")))
        .json(patient))
}

#[utoipa::path(get, path = "/patients/{id}", tag = "clinic", operation_id = "get_patient",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The whole record", body = Patient), OneProblems))]
pub async fn get(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&audit.user)?;
    let id = patient_id(&path)?;
    let patient = audited(
        &state,
        &tenant,
        &audit.who,
        "read_patient",
        id,
        move |conn| patients::read(conn, id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(patient))
}

/// Changes the fields sent; `null` clears an optional one. Each change
/// raises `version`; send the version you changed to have a change made
/// on an older one refused (409) rather than applied.
#[utoipa::path(patch, path = "/patients/{id}", tag = "clinic", operation_id = "update_patient",
    params(("id" = Uuid, Path, description = "The patient's id")),
    request_body = PatchBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The record as it now is", body = Patient), UpdateProblems))]
pub async fn update(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> ApiResult<HttpResponse> {
    staff_only(&audit.user)?;
    let id = patient_id(&path)?;
    let body = body.into_inner();
    let patient = audited(
        &state,
        &tenant,
        &audit.who,
        "update_patient",
        id,
        move |conn| patients::update(conn, id, body),
    )
    .await?;
    Ok(HttpResponse::Ok().json(patient))
}

/// Records are archived, never deleted: an archived patient leaves the
/// default list and no longer counts against the plan. Archiving an
/// archived record changes nothing.
#[utoipa::path(post, path = "/patients/{id}/archive", tag = "clinic", operation_id = "archive_patient",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The archived record", body = Patient), OneProblems))]
pub async fn archive(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    set_archived(audit, tenant, state, path, true).await
}

/// Brings an archived record back, within the plan's `patients` limit.
#[utoipa::path(post, path = "/patients/{id}/unarchive", tag = "clinic", operation_id = "unarchive_patient",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The record, no longer archived", body = Patient),
        UnarchiveProblems))]
pub async fn unarchive(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    set_archived(audit, tenant, state, path, false).await
}

async fn set_archived(
    audit: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    archived: bool,
) -> ApiResult<HttpResponse> {
    staff_only(&audit.user)?;
    let id = patient_id(&path)?;
    let action = if archived {
        "archive_patient"
    } else {
        "unarchive_patient"
    };
    let tenant_id = tenant.id;
    let patient = audited(&state, &tenant, &audit.who, action, id, move |conn| {
        patients::set_archived(conn, tenant_id, id, archived)
    })
    .await?;
    Ok(HttpResponse::Ok().json(patient))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update)
        .add(__path_archive, archive)
        .add(__path_unarchive, unarchive);
}

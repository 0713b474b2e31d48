//! Clinical notes: staff list a patient's notes (newest first, each with
//! its amendments), write, edit (while unsigned), sign and amend them.
//! Every request that reaches a patient's record leaves one access row.

use actix_web::{web, HttpResponse};
use clinics::notes::{self, AmendmentBody, CreateBody, NoteError, NotePage, NoteView, PatchBody};
use serde::Deserialize;
use uuid::Uuid;

use super::located::{audited_on, ClinicStaff};
use crate::extract::CurrentTenant;
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ListProblems {
    400 => [invalid_cursor, invalid_limit],
    404 => [patient_not_found],
});
problems!(CreateProblems {
    404 => [patient_not_found],
    409 => [patient_archived],
    422 => [validation_failed],
});
problems!(OneProblems { 404 => [note_not_found] });
problems!(UpdateProblems {
    404 => [note_not_found],
    409 => [note_signed],
    422 => [validation_failed],
});
problems!(SignProblems {
    404 => [note_not_found],
    409 => [note_signed],
});
problems!(AmendProblems {
    404 => [note_not_found],
    409 => [note_not_signed],
    422 => [validation_failed],
});

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1 to 100; 20 when left out.
    pub limit: Option<i64>,
}

/// A malformed id names nothing: the same 404 as an unknown one.
fn patient_id(raw: &str) -> Result<Uuid, NoteError> {
    Uuid::parse_str(raw).map_err(|_| NoteError::PatientNotFound)
}

fn note_id(raw: &str) -> Result<Uuid, NoteError> {
    Uuid::parse_str(raw).map_err(|_| NoteError::NotFound)
}

#[utoipa::path(get, path = "/patients/{id}/notes", tag = "clinic", operation_id = "list_notes",
    params(("id" = Uuid, Path, description = "The patient's id"), ListQuery),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "One page, newest first, each note with its amendments",
        body = NotePage), ListProblems))]
pub async fn list(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let patient = patient_id(&path)?;
    let ListQuery { cursor, limit } = query.into_inner();
    let page = super::audited(
        &state,
        &tenant,
        &me.who,
        "list_notes",
        patient,
        move |conn| notes::list(conn, patient, cursor.as_deref(), limit),
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

#[utoipa::path(post, path = "/patients/{id}/notes", tag = "clinic", operation_id = "create_note",
    params(("id" = Uuid, Path, description = "The patient's id")),
    request_body = CreateBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The new, unsigned note", body = NoteView,
        headers(("Location" = String, description = "The note's URL"))), CreateProblems))]
pub async fn create(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<CreateBody>,
) -> ApiResult<HttpResponse> {
    let patient = patient_id(&path)?;
    let author = me.user.user_id;
    let body = body.into_inner();
    let note = super::audited(
        &state,
        &tenant,
        &me.who,
        "create_note",
        patient,
        move |conn| notes::create(conn, patient, author, &body),
    )
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/notes/{}", note.note.id)))
        .json(note))
}

#[utoipa::path(get, path = "/notes/{id}", tag = "clinic", operation_id = "get_note",
    params(("id" = Uuid, Path, description = "The note's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The note with its amendments, oldest first",
        body = NoteView), OneProblems))]
pub async fn get(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = note_id(&path)?;
    let note = audited_on(
        &state,
        &tenant,
        &me.who,
        "read_note",
        move |conn| notes::patient_of(conn, id),
        move |conn| notes::read(conn, id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(note))
}

/// Changes the fields sent while the note is unsigned; `null` or blank
/// clears one. A signed note is 409 `note_signed`: amend it instead.
#[utoipa::path(patch, path = "/notes/{id}", tag = "clinic", operation_id = "update_note",
    params(("id" = Uuid, Path, description = "The note's id")),
    request_body = PatchBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The note as it now is", body = NoteView), UpdateProblems))]
pub async fn update(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> ApiResult<HttpResponse> {
    let id = note_id(&path)?;
    let patch = body.into_inner();
    let note = audited_on(
        &state,
        &tenant,
        &me.who,
        "update_note",
        move |conn| notes::patient_of(conn, id),
        move |conn| notes::update(conn, id, &patch),
    )
    .await?;
    Ok(HttpResponse::Ok().json(note))
}

/// Signs the note as the caller: from then on it never changes.
#[utoipa::path(post, path = "/notes/{id}/sign", tag = "clinic", operation_id = "sign_note",
    params(("id" = Uuid, Path, description = "The note's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The signed note", body = NoteView), SignProblems))]
pub async fn sign(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = note_id(&path)?;
    let signer = me.user.user_id;
    let note = audited_on(
        &state,
        &tenant,
        &me.who,
        "sign_note",
        move |conn| notes::patient_of(conn, id),
        move |conn| notes::sign(conn, id, signer),
    )
    .await?;
    Ok(HttpResponse::Ok().json(note))
}

/// Corrects a signed note: the note stays as signed, the amendment
/// follows it.
#[utoipa::path(post, path = "/notes/{id}/amendments", tag = "clinic", operation_id = "amend_note",
    params(("id" = Uuid, Path, description = "The note's id")),
    request_body = AmendmentBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "The note with all its amendments, the new one last",
        body = NoteView), AmendProblems))]
pub async fn amend(
    ClinicStaff(me): ClinicStaff,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<AmendmentBody>,
) -> ApiResult<HttpResponse> {
    let id = note_id(&path)?;
    let author = me.user.user_id;
    let body = body.into_inner();
    let note = audited_on(
        &state,
        &tenant,
        &me.who,
        "amend_note",
        move |conn| notes::patient_of(conn, id),
        move |conn| notes::amend(conn, id, author, &body),
    )
    .await?;
    Ok(HttpResponse::Created().json(note))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update)
        .add(__path_sign, sign)
        .add(__path_amend, amend);
}

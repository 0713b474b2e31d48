//! Documents on a patient's record (plan feature `documents`), for the
//! clinic's staff: upload (multipart/form-data: `file`, optional `title`),
//! list, download as an attachment, delete. Files are judged by their
//! content, never by their name, and served only to staff of their tenant.
//! Every request that reaches a record leaves one access row.

use std::sync::Arc;

use actix_multipart::Multipart;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpResponse};
use clinics::documents::{self, DocumentError, DocumentTitle, DocumentView};
use futures_util::StreamExt;
use kernel::error::AppError;
use storage::{FileKind, StorageKey, Upload};
use uuid::Uuid;

use super::{audited, staff_only};
use crate::api::Items;
use crate::extract::{Audited, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(UploadProblems {
    403 => [feature_not_in_plan, plan_limit_reached],
    404 => [patient_not_found],
    413 => [file_too_large],
    415 => [unsupported_file_type],
    422 => [validation_failed],
});
problems!(ListProblems { 404 => [patient_not_found] });
problems!(DocumentProblems { 404 => [document_not_found] });

/// Longest title field read from the form (the title itself is at most
/// 200 characters; anything longer is refused, not read on and on).
const MAX_TITLE_BYTES: usize = 4 * 1024;

/// The form an upload is.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct DocumentUpload {
    /// A PDF, PNG or JPEG, up to the server's upload size.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// 1 to 200 characters; the file's name when absent.
    #[schema(max_length = 200)]
    title: Option<String>,
}

/// An id from the path; one that cannot be an id names nothing.
pub(super) fn id_of<E>(raw: &str, missing: E) -> Result<Uuid, E> {
    Uuid::parse_str(raw).map_err(|_| missing)
}

/// What the form held: the file's bytes (up to one byte past the limit,
/// enough to know it is too large), its name and the title.
struct Form {
    bytes: Vec<u8>,
    file_name: Option<String>,
    title: Option<String>,
}

async fn read_bounded(
    field: &mut actix_multipart::Field,
    name: &'static str,
    limit: usize,
) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| AppError::invalid(name, e.to_string()))?;
        let room = limit.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if bytes.len() >= limit {
            break;
        }
    }
    Ok(bytes)
}

async fn read_form(mut form: Multipart, max: u64) -> Result<Form, AppError> {
    let limit = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
    let (mut file, mut title) = (None, None);
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| AppError::invalid("file", e.to_string()))?;
        match field.name() {
            Some("file") if file.is_none() => {
                let file_name = field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .map(str::to_string);
                let bytes = read_bounded(&mut field, "file", limit).await?;
                file = Some((bytes, file_name));
                if title.is_some() {
                    break;
                }
            }
            Some("title") if title.is_none() => {
                let raw = read_bounded(&mut field, "title", MAX_TITLE_BYTES + 1).await?;
                if raw.len() > MAX_TITLE_BYTES {
                    return Err(AppError::invalid(
                        "title",
                        "is too long; at most 200 characters",
                    ));
                }
                let text = String::from_utf8(raw)
                    .map_err(|_| AppError::invalid("title", "must be UTF-8 text"))?;
                title = Some(text);
                if file.is_some() {
                    break;
                }
            }
            _ => {}
        }
    }
    let (bytes, file_name) = file.ok_or(DocumentError::MissingFile)?;
    Ok(Form {
        bytes,
        file_name,
        title,
    })
}

#[utoipa::path(post, path = "/patients/{id}/documents", tag = "clinic", operation_id = "upload_patient_document",
    params(("id" = Uuid, Path, description = "The patient's id")),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "Kept, with its kind read from its content", body = DocumentView),
        UploadProblems))]
pub async fn upload(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: Multipart,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let patient_id = id_of(&path, DocumentError::PatientNotFound)?;
    let tenant_id = tenant.id;
    // Before the body is read: a plan without documents reads nothing.
    tenant
        .run(&state, move |conn| {
            billing::require_feature(conn, tenant_id, billing::Feature::Documents)
        })
        .await?;
    let max = state.settings.upload_max_bytes;
    let form = read_form(form, max).await?;
    let upload = Arc::new(Upload::check(form.bytes, max).map_err(DocumentError::Upload)?);
    let title = DocumentTitle::from_form(form.title.as_deref(), form.file_name.as_deref())
        .map_err(|message| DocumentError::Invalid {
            field: "title",
            message,
        })?;
    // Room first (a full plan gets nothing written); then the file, on the
    // blocking pool; then the row that names it, room checked again there
    // under the plan-limit lock.
    let size = upload.size();
    tenant
        .run(&state, move |conn| {
            documents::check_room(conn, tenant_id, size, crate::startup::storage_mb)
        })
        .await?;
    let (files, stored) = (state.files.clone(), upload.clone());
    let file = web::block(move || documents::store_file(files.as_ref(), tenant_id, &stored))
        .await
        .map_err(AppError::internal)??;
    let recorded = file.clone();
    let attached = audited(
        &state,
        &tenant,
        &who,
        "upload_document",
        patient_id,
        move |conn| {
            documents::attach(
                conn,
                tenant_id,
                user.user_id,
                patient_id,
                (&recorded, &title),
                &upload,
                crate::startup::storage_mb,
            )
        },
    )
    .await;
    match attached {
        Ok(view) => Ok(HttpResponse::Created().json(view)),
        Err(e) => {
            // Nothing names the file: take it away again.
            let files = state.files.clone();
            let _ = web::block(move || files.delete(&file.key)).await;
            Err(e.into())
        }
    }
}

#[utoipa::path(get, path = "/patients/{id}/documents", tag = "clinic", operation_id = "list_patient_documents",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "Newest first (at most 500)", body = Items<DocumentView>),
        ListProblems))]
pub async fn list(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let patient_id = id_of(&path, DocumentError::PatientNotFound)?;
    let items = audited(
        &state,
        &tenant,
        &who,
        "list_documents",
        patient_id,
        move |conn| documents::list(conn, patient_id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

/// The patient a document is on: the access row needs it before the
/// document is read. No such document: nothing reached, no row.
async fn patient_of(state: &AppState, tenant: &CurrentTenant, id: Uuid) -> ApiResult<Uuid> {
    Ok(tenant
        .run(state, move |conn| {
            documents::patient_of(conn, id)?.ok_or(DocumentError::NotFound)
        })
        .await?)
}

#[utoipa::path(get, path = "/documents/{id}", tag = "clinic", operation_id = "download_document",
    params(("id" = Uuid, Path, description = "The document's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The file, as an attachment, typed by its content",
        content_type = "application/octet-stream"), DocumentProblems))]
pub async fn download(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let id = id_of(&path, DocumentError::NotFound)?;
    let patient_id = patient_of(&state, &tenant, id).await?;
    let (view, raw_key) = audited(
        &state,
        &tenant,
        &who,
        "read_document",
        patient_id,
        move |conn| documents::find(conn, id),
    )
    .await?;
    // A key is only honoured when it is one of this tenant's.
    let key = StorageKey::parse(&raw_key, tenant.id)
        .ok_or_else(|| AppError::internal("a document's storage key is not its tenant's"))?;
    let kind = FileKind::from_mime(&view.content_type)
        .ok_or_else(|| AppError::internal("a document of an unknown type"))?;
    let files = state.files.clone();
    let bytes = web::block(move || files.get(&key))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::internal(format!("reading a document: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type(kind.mime())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(documents::download_name(
                &view.title,
                kind,
            ))],
        })
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}

#[utoipa::path(delete, path = "/documents/{id}", tag = "clinic", operation_id = "delete_document",
    params(("id" = Uuid, Path, description = "The document's id")),
    security(("bearer" = ["staff"])),
    responses((status = 204, description = "The document and its file are gone"), DocumentProblems))]
pub async fn delete(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let id = id_of(&path, DocumentError::NotFound)?;
    let patient_id = patient_of(&state, &tenant, id).await?;
    let (_, raw_key) = audited(
        &state,
        &tenant,
        &who,
        "delete_document",
        patient_id,
        move |conn| documents::remove(conn, id),
    )
    .await?;
    // The row is gone and that is committed; only now the file. Removing it
    // inside the transaction would lose the bytes of a delete that then
    // rolled back; a failure here leaves a file no row names (logged),
    // never a row naming a missing file.
    if let Some(key) = StorageKey::parse(&raw_key, tenant.id) {
        let files = state.files.clone();
        let removed = web::block(move || files.delete(&key)).await;
        if !matches!(removed, Ok(Ok(()))) {
            tracing::warn!(document = %id, "a deleted document's file could not be removed");
        }
    }
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_upload, upload)
        .add(__path_list, list)
        .add(__path_download, download)
        .add(__path_delete, delete);
}

//! Prescriptions: the buyer uploads one for an order that needs it
//! (multipart/form-data, field `file`); staff list, read and review them.
//! Files are read from their content, never trusted by name, and served
//! only to the site's staff, as attachments.

use actix_multipart::Multipart;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::orders::access;
use crate::extract::{CurrentTenant, RequestSite, SignedIn, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use kernel::error::AppError;
use storage::{FileKind, StorageKey, Upload};
use stores::prescriptions::{self, PrescriptionError, PrescriptionView, ReviewBody, ReviewStatus};

problems!(UploadProblems {
    403 => [plan_limit_reached],
    404 => [order_not_found],
    409 => [prescription_not_expected],
    413 => [file_too_large],
    415 => [unsupported_file_type],
    422 => [validation_failed],
});
problems!(ListProblems { 400 => [invalid_query] });
problems!(FileProblems { 404 => [prescription_not_found] });
problems!(ReviewProblems {
    404 => [prescription_not_found],
    409 => [prescription_reviewed, invalid_transition],
    422 => [validation_failed],
});

/// The form an upload is: one file field.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PrescriptionUpload {
    /// A PDF, PNG or JPEG of the prescription.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// `pending_review` (the default), `approved`, `rejected` or `all`.
    pub status: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ListedPrescription {
    #[serde(flatten)]
    pub prescription: PrescriptionView,
    pub order_number: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PrescriptionList {
    pub items: Vec<ListedPrescription>,
}

fn prescription_id(raw: &str) -> Result<Uuid, PrescriptionError> {
    Uuid::parse_str(raw).map_err(|_| PrescriptionError::NotFound)
}

/// The `file` field's bytes, read up to one byte past the limit (enough
/// to know it is too large without reading the rest into memory).
async fn file_field(mut form: Multipart, max: u64) -> Result<Vec<u8>, AppError> {
    let limit = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| AppError::invalid("file", e.to_string()))?;
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| AppError::invalid("file", e.to_string()))?;
            let room = limit.saturating_sub(bytes.len());
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if bytes.len() >= limit {
                break;
            }
        }
        return Ok(bytes);
    }
    Err(PrescriptionError::MissingFile.into())
}

#[utoipa::path(post, path = "/orders/{id}/prescriptions", tag = "orders", operation_id = "upload_prescription",
    params(("id" = Uuid, Path, description = "The order's id"),
        ("X-Order-Token" = Option<String>, Header, description = "The order's tracking token, for a buyer not signed in")),
    request_body(content = PrescriptionUpload, content_type = "multipart/form-data"),
    responses((status = 201, description = "Stored; the order waits for staff to review it", body = PrescriptionView),
        UploadProblems))]
pub async fn upload(
    req: HttpRequest,
    user: Option<SignedIn>,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: Multipart,
) -> ApiResult<HttpResponse> {
    let order_id = Uuid::parse_str(&path).map_err(|_| stores::orders::OrderError::NotFound)?;
    let access = access(user.as_ref().map(|u| &u.0), &req);
    let bytes = file_field(form, state.settings.upload_max_bytes).await?;
    let upload =
        Upload::check(bytes, state.settings.upload_max_bytes).map_err(PrescriptionError::Upload)?;
    let upload = std::sync::Arc::new(upload);
    // The file first, on the blocking pool; then the row that names it.
    let files = state.files.clone();
    let (tenant_id, stored) = (tenant.id, upload.clone());
    let (id, key) =
        web::block(move || prescriptions::store_file(files.as_ref(), tenant_id, &stored))
            .await
            .map_err(AppError::internal)??;
    let recorded_key = key.clone();
    let attached = tenant
        .run(&state, move |conn| {
            prescriptions::attach(
                conn,
                tenant_id,
                &access,
                order_id,
                (id, &recorded_key),
                &upload,
                crate::startup::storage_mb,
            )
        })
        .await;
    match attached {
        Ok(view) => Ok(HttpResponse::Created().json(view)),
        Err(e) => {
            // Nothing names the file: take it away again.
            let files = state.files.clone();
            let _ = web::block(move || files.delete(&key)).await;
            Err(e.into())
        }
    }
}

#[utoipa::path(get, path = "/prescriptions", tag = "orders", operation_id = "list_prescriptions",
    params(ListParams),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "Newest first (at most 200)", body = PrescriptionList), ListProblems))]
pub async fn list(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    query: web::Query<ListParams>,
) -> ApiResult<HttpResponse> {
    let status = match query.into_inner().status.as_deref().map(str::trim) {
        None | Some("") => Some(ReviewStatus::PendingReview),
        Some("all") => None,
        Some(raw) => Some(ReviewStatus::parse(raw).ok_or_else(|| {
            AppError::bad_request(
                "invalid_query",
                "status must be pending_review, approved, rejected or all.",
            )
        })?),
    };
    let rows = tenant
        .run(&state, move |conn| {
            Ok::<_, AppError>(prescriptions::list(conn, status)?)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|(prescription, order_number)| ListedPrescription {
            prescription,
            order_number,
        })
        .collect();
    Ok(HttpResponse::Ok().json(PrescriptionList { items }))
}

#[utoipa::path(get, path = "/prescriptions/{id}/file", tag = "orders", operation_id = "download_prescription",
    params(("id" = Uuid, Path, description = "The prescription's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The file, as an attachment, with the type read from its content",
        content_type = "application/octet-stream"), FileProblems))]
pub async fn file(
    _staff: StaffUser,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = prescription_id(&path)?;
    let (raw_key, content_type, _order) = tenant
        .run(&state, move |conn| prescriptions::find_file(conn, id))
        .await?;
    let key = StorageKey::parse(&raw_key, tenant.id)
        .ok_or_else(|| AppError::internal("a prescription's storage key is not its tenant's"))?;
    let kind = FileKind::from_mime(&content_type)
        .ok_or_else(|| AppError::internal("a prescription of an unknown type"))?;
    let files = state.files.clone();
    let bytes = web::block(move || files.get(&key))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::internal(format!("reading a prescription: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type(kind.mime())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "prescription-{id}.{}",
                kind.extension()
            ))],
        })
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}

/// Approve (the order may ship once none waits) or reject (the order is
/// cancelled, its stock back on sale, the buyer mailed with the reason).
#[utoipa::path(post, path = "/prescriptions/{id}/review", tag = "orders", operation_id = "review_prescription",
    params(("id" = Uuid, Path, description = "The prescription's id")),
    request_body = ReviewBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The prescription as reviewed", body = PrescriptionView), ReviewProblems))]
pub async fn review(
    StaffUser(staff): StaffUser,
    tenant: CurrentTenant,
    site: RequestSite,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<ReviewBody>,
) -> ApiResult<HttpResponse> {
    let id = prescription_id(&path)?;
    let body = body.into_inner();
    let view = tenant
        .run(&state, move |conn| {
            prescriptions::review(conn, &site, staff.user_id, id, body)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_upload, upload)
        .add(__path_list, list)
        .add(__path_file, file)
        .add(__path_review, review);
}

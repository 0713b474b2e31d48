//! POST /admin/patients/{id}/documents: the chart's upload form
//! (multipart: `csrf_token`, `title`, `file`), then 303 back to the chart.
//! The API's upload steps in the same order: the plan's `documents`
//! feature before the body is read, the file judged by its content and
//! size, room checked before anything is written, then the row that names
//! it, recorded with the request's one access row (a file no row names is
//! taken away again).

use std::sync::Arc;

use actix_multipart::Multipart;
use actix_web::{web, HttpRequest};
use clinics::documents::{self, DocumentError, DocumentTitle};
use futures_util::StreamExt;
use kernel::error::AppError;
use storage::Upload;

use super::super::staff_or_answer;
use super::{accessor, id_of};
use crate::api::clinics::audited;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::csrf::CSRF_FIELD;
use crate::pages::layer::{Page, PageResult};

/// Longer than any CSRF token or title (200 characters of up to 4 bytes).
const MAX_TEXT_BYTES: usize = 1024;

#[derive(Default)]
struct Posted {
    csrf_token: Option<String>,
    title: Option<String>,
    file: Option<(Vec<u8>, Option<String>)>,
}

/// A field's bytes, at most `limit` (enough to know a file is too large
/// without holding the rest).
async fn bytes_of(field: &mut actix_multipart::Field, limit: usize) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| AppError::invalid("file", e.to_string()))?;
        let room = limit.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if bytes.len() >= limit {
            break;
        }
    }
    Ok(bytes)
}

async fn read(mut form: Multipart, max: u64) -> Result<Posted, AppError> {
    let file_limit = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
    let mut posted = Posted::default();
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| AppError::invalid("file", e.to_string()))?;
        match field.name() {
            Some(CSRF_FIELD) if posted.csrf_token.is_none() => {
                let raw = bytes_of(&mut field, MAX_TEXT_BYTES).await?;
                posted.csrf_token = String::from_utf8(raw).ok();
            }
            Some("title") if posted.title.is_none() => {
                let raw = bytes_of(&mut field, MAX_TEXT_BYTES + 1).await?;
                if raw.len() > MAX_TEXT_BYTES {
                    return Err(AppError::invalid("title", "is too long"));
                }
                posted.title = Some(
                    String::from_utf8(raw)
                        .map_err(|_| AppError::invalid("title", "must be UTF-8 text"))?,
                );
            }
            Some("file") if posted.file.is_none() => {
                let name = field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .map(str::to_string);
                posted.file = Some((bytes_of(&mut field, file_limit).await?, name));
            }
            _ => {}
        }
    }
    Ok(posted)
}

pub async fn upload(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    form: Multipart,
) -> PageResult {
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let patient_id = id_of(&p, &path, "patient_not_found")?;
    let tenant_id = tenant.id;
    tenant
        .run(&p.state, move |conn| {
            billing::require_feature(conn, tenant_id, billing::Feature::Documents)
        })
        .await
        .map_err(|e| p.fail(e))?;
    let max = p.state.settings.upload_max_bytes;
    let posted = read(form, max).await.map_err(|e| p.fail(e))?;
    p.check_csrf(posted.csrf_token.as_deref())?;
    let chart = format!("/admin/patients/{patient_id}");
    let Some((bytes, file_name)) = posted.file.filter(|(b, _)| !b.is_empty()) else {
        return Ok(p.see_other(&format!("{chart}?done=refused")));
    };
    let checked = Upload::check(bytes, max)
        .map_err(|e| AppError::from(DocumentError::Upload(e)))
        .and_then(|upload| {
            let title = DocumentTitle::from_form(posted.title.as_deref(), file_name.as_deref())
                .map_err(|message| DocumentError::Invalid {
                    field: "title",
                    message,
                })?;
            Ok((Arc::new(upload), title))
        });
    let (upload, title) = match checked {
        Ok(ok) => ok,
        Err(e) => {
            p.refusal(e)?;
            return Ok(p.see_other(&format!("{chart}?done=refused")));
        }
    };
    let size = upload.size();
    tenant
        .run(&p.state, move |conn| {
            documents::check_room(conn, tenant_id, size, crate::startup::storage_mb)
        })
        .await
        .map_err(|e| p.fail(e))?;
    let (files, stored) = (p.state.files.clone(), upload.clone());
    let file = web::block(move || documents::store_file(files.as_ref(), tenant_id, &stored))
        .await
        .map_err(|e| p.fail(AppError::internal(e)))?
        .map_err(|e| p.fail(e))?;
    let recorded = file.clone();
    let who = accessor(&user, &addr, &req);
    let attached = audited(
        &p.state,
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
        Ok(_) => Ok(p.see_other(&format!("{chart}?done=uploaded"))),
        Err(e) => {
            let files = p.state.files.clone();
            let _ = web::block(move || files.delete(&file.key)).await;
            Err(p.fail(e))
        }
    }
}

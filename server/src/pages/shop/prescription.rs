//! POST /shop/orders/{order_id}/prescription: the order page's upload form
//! (multipart: `csrf_token`, then `file`). The same operations as the API's
//! upload: the file is checked by its content and size, kept, then recorded
//! against the order by its buyer within the plan's storage; if recording
//! fails the file is removed again. Back to the order page, saying so.

use std::sync::Arc;

use actix_multipart::Multipart;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use kernel::error::AppError;
use storage::Upload;
use stores::prescriptions::{self, PrescriptionError};

use super::id_or_404;
use super::order::{access_of, render};
use crate::extract::CurrentTenant;
use crate::pages::layer::csrf::CSRF_FIELD;
use crate::pages::layer::{Notice, Page, PageResult};

/// Longer than any CSRF token; a longer field is no token.
const MAX_TOKEN_BYTES: usize = 256;

#[derive(Default)]
struct Posted {
    csrf_token: Option<String>,
    file: Option<Vec<u8>>,
}

/// Reads a field's bytes, at most `limit` (enough to know a file is too
/// large without holding the rest).
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
            Some(CSRF_FIELD) => {
                let raw = bytes_of(&mut field, MAX_TOKEN_BYTES + 1).await?;
                posted.csrf_token = String::from_utf8(raw).ok();
            }
            Some("file") if posted.file.is_none() => {
                posted.file = Some(bytes_of(&mut field, file_limit).await?);
            }
            _ => {}
        }
        if posted.csrf_token.is_some() && posted.file.is_some() {
            break;
        }
    }
    Ok(posted)
}

/// The message a refused upload shows, or None for a failure that is the
/// error page's.
fn refusal(p: &Page, e: &AppError) -> Option<String> {
    let key = match e.code {
        "file_too_large" => "shop-prescription-too-large",
        "unsupported_file_type" => "shop-prescription-wrong-type",
        "validation_failed" => "shop-prescription-missing",
        "prescription_not_expected" => "shop-prescription-not-expected",
        "plan_limit_reached" => "shop-prescription-no-room",
        _ => return None,
    };
    Some(p.t(key))
}

pub async fn upload(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
    form: Multipart,
) -> PageResult {
    let order_id = id_or_404(&p, &path)?;
    let max = p.state.settings.upload_max_bytes;
    let posted = read(form, max).await.map_err(|e| p.fail(e))?;
    p.check_csrf(posted.csrf_token.as_deref())?;
    let access = access_of(&p, &req);
    let stored = match posted.file {
        None => Err(AppError::from(PrescriptionError::MissingFile)),
        Some(bytes) => store(&p, &tenant, access, order_id, bytes, max).await,
    };
    match stored {
        Ok(()) => Ok(p.see_other(&format!("/shop/orders/{order_id}?uploaded=1"))),
        Err(e) => match refusal(&p, &e) {
            Some(text) => {
                render(
                    &p,
                    &tenant,
                    &req,
                    order_id,
                    Some(Notice::bad(text)),
                    e.status,
                )
                .await
            }
            None => Err(p.fail(e)),
        },
    }
}

/// Keeps the file, then records it; removes it again if the record fails.
async fn store(
    p: &Page,
    tenant: &CurrentTenant,
    access: stores::orders::Access,
    order_id: uuid::Uuid,
    bytes: Vec<u8>,
    max: u64,
) -> Result<(), AppError> {
    let upload = Arc::new(Upload::check(bytes, max).map_err(PrescriptionError::Upload)?);
    let files = p.state.files.clone();
    let (tenant_id, kept) = (tenant.id, upload.clone());
    let (id, key) = web::block(move || prescriptions::store_file(files.as_ref(), tenant_id, &kept))
        .await
        .map_err(AppError::internal)??;
    let recorded = key.clone();
    let attached = tenant
        .run(&p.state, move |conn| {
            prescriptions::attach(
                conn,
                tenant_id,
                &access,
                order_id,
                (id, &recorded),
                &upload,
                crate::startup::storage_mb,
            )
        })
        .await;
    if let Err(e) = attached {
        let files = p.state.files.clone();
        let _ = web::block(move || files.delete(&key)).await;
        return Err(e.into());
    }
    Ok(())
}

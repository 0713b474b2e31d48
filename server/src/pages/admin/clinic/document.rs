//! GET /admin/documents/{id}/file: a patient's document for the site's
//! team, read through the API's audited runner (one access row), with the
//! API's checks: the storage key must be this tenant's, the type is the
//! one read from the content at upload, and it is an attachment never
//! sniffed or kept by a cache.

use actix_web::http::header::{
    ContentDisposition, DispositionParam, DispositionType, HeaderValue, CACHE_CONTROL,
};
use actix_web::{web, HttpRequest, HttpResponse};
use clinics::documents::{self, DocumentError};
use kernel::error::AppError;
use storage::{FileKind, StorageKey};

use super::super::staff_or_answer;
use super::{accessor, id_of};
use crate::api::clinics::audited_on;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::headers;
use crate::pages::layer::{Page, PageResult};

pub async fn download(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
) -> PageResult {
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "document_not_found")?;
    let who = accessor(&user, &addr, &req);
    let (view, raw_key) = audited_on(
        &p.state,
        &tenant,
        &who,
        "read_document",
        move |conn| {
            documents::patient_of(conn, id)?.ok_or_else(|| AppError::from(DocumentError::NotFound))
        },
        move |conn| Ok::<_, AppError>(documents::find(conn, id)?),
    )
    .await
    .map_err(|e| p.fail(e))?;
    let key = StorageKey::parse(&raw_key, tenant.id).ok_or_else(|| {
        p.fail(AppError::internal(
            "a document's storage key is not its tenant's",
        ))
    })?;
    let kind = FileKind::from_mime(&view.content_type)
        .ok_or_else(|| p.fail(AppError::internal("a document of an unknown type")))?;
    let files = p.state.files.clone();
    let bytes = web::block(move || files.get(&key))
        .await
        .map_err(|e| p.fail(AppError::internal(e)))?
        .map_err(|e| p.fail(AppError::internal(format!("reading a document: {e}"))))?;
    let mut res = HttpResponse::Ok()
        .content_type(kind.mime())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(documents::download_name(
                &view.title,
                kind,
            ))],
        })
        .body(bytes);
    headers::add_common(res.headers_mut());
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

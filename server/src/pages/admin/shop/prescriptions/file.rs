//! GET /admin/shop/prescriptions/{id}/file: the file of a prescription,
//! for the site's team only, with the checks of the API's download: the
//! storage key must be this tenant's, the type is the one read from the
//! content at upload, and it is sent as an attachment that is never
//! sniffed or kept by a cache, so a browser never renders it as a page.

use actix_web::http::header::{
    ContentDisposition, DispositionParam, DispositionType, HeaderValue, CACHE_CONTROL,
};
use actix_web::{web, HttpResponse};
use kernel::error::AppError;
use storage::{FileKind, StorageKey};
use stores::prescriptions;

use super::super::super::staff_or_answer;
use super::super::id_of;
use crate::extract::CurrentTenant;
use crate::pages::layer::headers;
use crate::pages::layer::{Page, PageResult};

pub async fn download(p: Page, tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "prescription_not_found")?;
    let (raw_key, content_type, _order) = tenant
        .run(&p.state, move |conn| prescriptions::find_file(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    let key = StorageKey::parse(&raw_key, tenant.id).ok_or_else(|| {
        p.fail(AppError::internal(
            "a prescription's storage key is not its tenant's",
        ))
    })?;
    let kind = FileKind::from_mime(&content_type)
        .ok_or_else(|| p.fail(AppError::internal("a prescription of an unknown type")))?;
    let files = p.state.files.clone();
    let bytes = web::block(move || files.get(&key))
        .await
        .map_err(|e| p.fail(AppError::internal(e)))?
        .map_err(|e| p.fail(AppError::internal(format!("reading a prescription: {e}"))))?;
    let mut res = HttpResponse::Ok()
        .content_type(kind.mime())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "prescription-{id}.{}",
                kind.extension()
            ))],
        })
        .body(bytes);
    headers::add_common(res.headers_mut());
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

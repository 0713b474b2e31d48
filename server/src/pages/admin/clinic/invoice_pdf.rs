//! GET /admin/invoices/{id}/pdf: the invoice as the API's staff get it
//! (the same `invoices::pdf`), read through the API's audited runner (one
//! access row, `invoice_pdf` as through the API), an attachment never
//! sniffed or kept by a cache.

use actix_web::http::header::{
    ContentDisposition, DispositionParam, DispositionType, HeaderValue, CACHE_CONTROL,
};
use actix_web::{web, HttpRequest, HttpResponse};
use clinics::invoices::{self, InvoiceError};
use kernel::error::AppError;

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
    let id = id_of(&p, &path, "invoice_not_found")?;
    let who = accessor(&user, &addr, &req);
    let clinic = tenant.name.clone();
    let (file, document) = audited_on(
        &p.state,
        &tenant,
        &who,
        "invoice_pdf",
        move |conn| {
            Ok::<_, AppError>(invoices::patient_of(conn, id)?.ok_or(InvoiceError::NotFound)?)
        },
        move |conn| Ok(invoices::pdf(conn, &clinic, id)?),
    )
    .await
    .map_err(|e| p.fail(e))?;
    let mut res = HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file)],
        })
        .body(document);
    headers::add_common(res.headers_mut());
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

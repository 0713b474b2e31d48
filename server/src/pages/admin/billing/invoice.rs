//! GET /admin/billing/invoices/{id}.pdf: an invoice's PDF for the signed-in
//! owner or admin, the same document the API serves to a bearer token.

use actix_web::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{web, HttpResponse};
use billing::invoices;
use kernel::error::AppError;
use uuid::Uuid;

use super::super::admin_or_answer;
use crate::extract::CurrentTenant;
use crate::pages::layer::headers;
use crate::pages::layer::{Page, PageResult};

fn no_such_invoice() -> AppError {
    AppError::not_found("invoice_not_found", "This site has no such invoice.")
}

pub async fn pdf(p: Page, tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = Uuid::parse_str(&path).map_err(|_| p.fail(no_such_invoice()))?;
    let tenant_id = tenant.id;
    let invoice = kernel::db::run(&p.state.pool, move |conn| {
        invoices::find(conn, tenant_id, id)
    })
    .await
    .map_err(|e| p.fail(e))?;
    let document = billing::pdf::render(&invoice, &p.state.settings.base_domain);
    let mut res = HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"{}.pdf\"", invoice.number),
        ))
        .body(document);
    headers::add_common(res.headers_mut());
    // A bill is the site's own business: no shared cache keeps it.
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}

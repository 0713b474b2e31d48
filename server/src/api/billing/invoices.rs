//! GET /billing/invoices and each invoice's PDF: what the platform billed
//! the tenant, for its owner and admins.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{web, HttpResponse};
use billing::invoices::{self, InvoiceSummary};
use uuid::Uuid;

use crate::api::Items;
use crate::extract::{AdminUser, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(PdfProblems { 404 => [invoice_not_found] });

/// A PDF document's bytes (for the API document: the handler sends them
/// as they are).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
struct PdfFile(Vec<u8>);

#[utoipa::path(get, path = "/billing/invoices", tag = "billing", operation_id = "list_invoices",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The invoices, newest first",
        body = Items<InvoiceSummary>)))]
async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
) -> ApiResult<HttpResponse> {
    let tenant_id = tenant.id;
    let items = kernel::db::run(&state.pool, move |conn| invoices::list(conn, tenant_id)).await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

/// The invoice as a PDF document.
#[utoipa::path(get, path = "/billing/invoices/{id}.pdf", tag = "billing",
    operation_id = "get_invoice_pdf",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The invoice", content_type = "application/pdf",
        body = PdfFile), PdfProblems))]
async fn pdf(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    path: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (tenant_id, id) = (tenant.id, path.into_inner());
    let invoice =
        kernel::db::run(&state.pool, move |conn| invoices::find(conn, tenant_id, id)).await?;
    let document = billing::pdf::render(&invoice, &state.settings.base_domain);
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"{}.pdf\"", invoice.number),
        ))
        .body(document))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list).add(__path_pdf, pdf);
}

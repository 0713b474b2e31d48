//! Invoices to patients, for the clinic's staff: drafts that change until
//! issued, numbers without gaps given at issue, void keeping the number,
//! payments recorded by hand (card payments through the provider are in
//! `invoice_payments`), and the invoice as a PDF. Every request that
//! reaches a record leaves one access row.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{web, HttpResponse};
use clinics::invoices::{
    self, DraftBody, InvoiceError, InvoiceSummary, InvoiceView, PatchBody, PaymentBody,
};
use uuid::Uuid;

use super::documents::id_of;
use super::{audited, staff_only};
use crate::api::Items;
use crate::extract::{Audited, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(ListProblems { 404 => [patient_not_found] });
problems!(CreateProblems {
    404 => [patient_not_found],
    422 => [validation_failed],
});
problems!(ReadProblems { 404 => [invoice_not_found] });
problems!(PatchProblems {
    404 => [invoice_not_found],
    409 => [invoice_not_draft],
    422 => [validation_failed],
});
problems!(IssueProblems {
    404 => [invoice_not_found],
    409 => [invoice_not_draft],
});
problems!(VoidProblems {
    404 => [invoice_not_found],
    409 => [invoice_not_issued, invoice_void],
});
problems!(PaymentProblems {
    404 => [invoice_not_found],
    409 => [invoice_not_issued, invoice_void, invoice_paid],
    422 => [validation_failed],
});

/// The PDF's bytes, for the API document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct ClinicInvoicePdf(Vec<u8>);

fn patient_id(raw: &str) -> Result<Uuid, InvoiceError> {
    id_of(raw, InvoiceError::PatientNotFound)
}

/// The invoice's id and the patient it is for: the access row needs the
/// patient before the invoice is read. No such invoice: nothing reached.
pub(super) async fn invoice_of(
    state: &AppState,
    tenant: &CurrentTenant,
    raw: &str,
) -> ApiResult<(Uuid, Uuid)> {
    let id = id_of(raw, InvoiceError::NotFound)?;
    let patient = tenant
        .run(state, move |conn| {
            invoices::patient_of(conn, id)?.ok_or(InvoiceError::NotFound)
        })
        .await?;
    Ok((id, patient))
}

#[utoipa::path(get, path = "/patients/{id}/invoices", tag = "clinic", operation_id = "list_patient_invoices",
    params(("id" = Uuid, Path, description = "The patient's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "Newest first (at most 500)", body = Items<InvoiceSummary>),
        ListProblems))]
pub async fn list(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let patient = patient_id(&path)?;
    let items = audited(
        &state,
        &tenant,
        &who,
        "list_invoices",
        patient,
        move |conn| invoices::list(conn, patient),
    )
    .await?;
    Ok(HttpResponse::Ok().json(Items::of(items)))
}

#[utoipa::path(post, path = "/patients/{id}/invoices", tag = "clinic", operation_id = "create_patient_invoice",
    params(("id" = Uuid, Path, description = "The patient's id")),
    request_body = DraftBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "A draft: no number until issued", body = InvoiceView),
        CreateProblems))]
pub async fn create(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<DraftBody>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let patient = patient_id(&path)?;
    let body = body.into_inner();
    let view = audited(
        &state,
        &tenant,
        &who,
        "create_invoice",
        patient,
        move |conn| invoices::create(conn, user.user_id, patient, &body),
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(get, path = "/invoices/{id}", tag = "clinic", operation_id = "get_clinic_invoice",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The invoice with its lines and payments", body = InvoiceView),
        ReadProblems))]
pub async fn get(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let view = audited(
        &state,
        &tenant,
        &who,
        "read_invoice",
        patient,
        move |conn| invoices::view(conn, id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[utoipa::path(patch, path = "/invoices/{id}", tag = "clinic", operation_id = "update_clinic_invoice",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    request_body = PatchBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The draft as changed", body = InvoiceView), PatchProblems))]
pub async fn update(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PatchBody>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let body = body.into_inner();
    let view = audited(
        &state,
        &tenant,
        &who,
        "update_invoice",
        patient,
        move |conn| invoices::update(conn, id, &body),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[utoipa::path(post, path = "/invoices/{id}/issue", tag = "clinic", operation_id = "issue_clinic_invoice",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "Issued with the next number (paid at once when it owes nothing)",
        body = InvoiceView), IssueProblems))]
pub async fn issue(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let view = audited(
        &state,
        &tenant,
        &who,
        "issue_invoice",
        patient,
        move |conn| invoices::issue(conn, id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[utoipa::path(post, path = "/invoices/{id}/void", tag = "clinic", operation_id = "void_clinic_invoice",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "Void, keeping its number", body = InvoiceView), VoidProblems))]
pub async fn void(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let view = audited(
        &state,
        &tenant,
        &who,
        "void_invoice",
        patient,
        move |conn| invoices::void(conn, id),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A payment taken by hand. A card payment through the tenant's payment
/// provider starts with `POST /invoices/{id}/pay` and is recorded by the
/// provider's webhook.
#[utoipa::path(post, path = "/invoices/{id}/payments", tag = "clinic", operation_id = "record_clinic_payment",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    request_body = PaymentBody,
    security(("bearer" = ["staff"])),
    responses((status = 201, description = "Recorded; the invoice is paid once payments cover it",
        body = InvoiceView), PaymentProblems))]
pub async fn pay(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<PaymentBody>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let body = body.into_inner();
    let view = audited(
        &state,
        &tenant,
        &who,
        "record_payment",
        patient,
        move |conn| invoices::pay(conn, user.user_id, id, &body),
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The invoice as a PDF. Helvetica prints Latin script only: other
/// scripts show as `?`.
#[utoipa::path(get, path = "/invoices/{id}/pdf", tag = "clinic", operation_id = "get_clinic_invoice_pdf",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The invoice", content_type = "application/pdf",
        body = ClinicInvoicePdf), ReadProblems))]
pub async fn pdf(
    Audited { who, user }: Audited,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    staff_only(&user)?;
    let (id, patient) = invoice_of(&state, &tenant, &path).await?;
    let clinic = tenant.name.clone();
    let (file, document) = audited(&state, &tenant, &who, "invoice_pdf", patient, move |conn| {
        invoices::pdf(conn, &clinic, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}\""),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(document))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_create, create)
        .add(__path_get, get)
        .add(__path_update, update)
        .add(__path_issue, issue)
        .add(__path_void, void)
        .add(__path_pay, pay)
        .add(__path_pdf, pdf);
}

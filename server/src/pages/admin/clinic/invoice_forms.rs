//! The chart's invoice forms, each a CSRF-checked post answered with 303
//! back to the patient's chart: a new draft with its lines
//! (POST /admin/patients/{id}/invoices), and for an invoice named by its
//! own id issuing it, recording a payment taken by hand and voiding it
//! (POST /admin/invoices/{id}/issue, /payments, /void). Each runs the
//! invoices library's own operation (its rules: only a draft is issued,
//! a payment at most what is owed, void keeps the number) through the
//! API's audited runner, so a post leaves one access row whether it went
//! through or not. Any staff member may do each, as through the API.

use actix_web::{web, HttpRequest};
use clinics::invoices::{self, InvoiceError, InvoiceView};
use kernel::error::AppError;
use uuid::Uuid;

use super::chart_feedback::{back, back_to_owner};
use super::chart_post::{ChartPost, Opened};
use super::invoice_input;
use crate::api::clinics::{audited, audited_on};
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Page, PageResult};

/// POST /admin/patients/{id}/invoices: a draft, numbered only once issued.
pub async fn create(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "patient_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    let (draft, problems) = invoice_input::draft(&post.form);
    let (id, author) = (post.id, post.user.user_id);
    let done = audited(
        &p.state,
        &tenant,
        &post.who,
        "create_invoice",
        id,
        move |conn| {
            if !problems.is_empty() {
                return Err(InvoiceError::Invalid(problems).into());
            }
            Ok::<_, AppError>(invoices::create(conn, author, id, &draft)?)
        },
    )
    .await;
    back(&p, id, done.map(|_| "invoice"))
}

/// The patient an invoice is for, or the invoice's 404 (no row: nothing
/// was reached).
fn patient_of(conn: &mut diesel::PgConnection, invoice: Uuid) -> Result<Uuid, AppError> {
    Ok(invoices::patient_of(conn, invoice)?.ok_or(InvoiceError::NotFound)?)
}

/// What the three posts about one invoice share once opened: the
/// operation run where the invoice's patient gets the row (as `action`),
/// and the way back to that patient's chart (saying `what`).
async fn on_invoice<F>(
    p: &Page,
    tenant: &CurrentTenant,
    post: ChartPost,
    (action, what): (&'static str, &'static str),
    op: F,
) -> PageResult
where
    F: FnOnce(&mut diesel::PgConnection, Uuid, Uuid) -> Result<InvoiceView, AppError>
        + Send
        + 'static,
{
    let (id, staff) = (post.id, post.user.user_id);
    let done = audited_on(
        &p.state,
        tenant,
        &post.who,
        action,
        move |conn| patient_of(conn, id),
        move |conn| Ok(op(conn, staff, id)?.invoice.patient_id),
    )
    .await;
    back_to_owner(p, tenant, done, what, move |conn| patient_of(conn, id)).await
}

/// POST /admin/invoices/{id}/issue: the draft takes the next number.
pub async fn issue(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "invoice_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    on_invoice(
        &p,
        &tenant,
        post,
        ("issue_invoice", "issued"),
        |conn, _, id| Ok(invoices::issue(conn, id)?),
    )
    .await
}

/// POST /admin/invoices/{id}/payments: `amount`, `method` and an
/// optional `note`.
pub async fn pay(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "invoice_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    let payment = invoice_input::payment(&post.form);
    on_invoice(
        &p,
        &tenant,
        post,
        ("record_payment", "paid"),
        move |conn, staff, id| {
            let payment = payment.map_err(InvoiceError::Invalid)?;
            Ok(invoices::pay(conn, staff, id, &payment)?)
        },
    )
    .await
}

/// POST /admin/invoices/{id}/void: it keeps its number.
pub async fn void(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "invoice_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    on_invoice(
        &p,
        &tenant,
        post,
        ("void_invoice", "voided"),
        |conn, _, id| Ok(invoices::void(conn, id)?),
    )
    .await
}

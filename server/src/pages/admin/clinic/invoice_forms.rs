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

use super::super::staff_or_answer;
use super::chart_feedback::{back, back_to_owner};
use super::invoice_input;
use super::{accessor, id_of};
use crate::api::clinics::{audited, audited_on};
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Form, Page, PageResult};

/// POST /admin/patients/{id}/invoices: a draft, numbered only once issued.
pub async fn create(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "patient_not_found")?;
    let (draft, problems) = invoice_input::draft(&f);
    let author = user.user_id;
    let who = accessor(&user, &addr, &req);
    let done = audited(&p.state, &tenant, &who, "create_invoice", id, move |conn| {
        if !problems.is_empty() {
            return Err(InvoiceError::Invalid(problems).into());
        }
        Ok::<_, AppError>(invoices::create(conn, author, id, &draft)?)
    })
    .await;
    back(&p, id, done.map(|_| "invoice"))
}

/// The patient an invoice is for, or the invoice's 404 (no row: nothing
/// was reached).
fn patient_of(conn: &mut diesel::PgConnection, invoice: Uuid) -> Result<Uuid, AppError> {
    Ok(invoices::patient_of(conn, invoice)?.ok_or(InvoiceError::NotFound)?)
}

/// A post about one invoice as it arrived.
struct Visit {
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
}

/// What the three posts about one invoice share: the token, the role, the
/// id, the operation run where the invoice's patient gets the row (as
/// `action`), and the way back to that patient's chart (saying `what`).
async fn on_invoice<F>(
    v: Visit,
    raw_id: &str,
    f: &Form,
    (action, what): (&'static str, &'static str),
    op: F,
) -> PageResult
where
    F: FnOnce(&mut diesel::PgConnection, Uuid, Uuid) -> Result<InvoiceView, AppError>
        + Send
        + 'static,
{
    let Visit {
        p,
        tenant,
        addr,
        req,
    } = v;
    p.check_csrf(f.csrf_token())?;
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, raw_id, "invoice_not_found")?;
    let staff = user.user_id;
    let who = accessor(&user, &addr, &req);
    let done = audited_on(
        &p.state,
        &tenant,
        &who,
        action,
        move |conn| patient_of(conn, id),
        move |conn| Ok(op(conn, staff, id)?.invoice.patient_id),
    )
    .await;
    back_to_owner(&p, &tenant, done, what, move |conn| patient_of(conn, id)).await
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
    let f = Form::parse(&body);
    let v = Visit {
        p,
        tenant,
        addr,
        req,
    };
    on_invoice(v, &path, &f, ("issue_invoice", "issued"), |conn, _, id| {
        Ok(invoices::issue(conn, id)?)
    })
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
    let f = Form::parse(&body);
    let payment = invoice_input::payment(&f);
    let v = Visit {
        p,
        tenant,
        addr,
        req,
    };
    on_invoice(
        v,
        &path,
        &f,
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
    let f = Form::parse(&body);
    let v = Visit {
        p,
        tenant,
        addr,
        req,
    };
    on_invoice(v, &path, &f, ("void_invoice", "voided"), |conn, _, id| {
        Ok(invoices::void(conn, id)?)
    })
    .await
}

//! What staff do with an invoice, each in the caller's tenant transaction:
//! draft it, change the draft, issue it (which numbers it), void it,
//! record payments until it is paid.

use chrono::{Datelike, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::error::InvoiceError;
use super::input::{self, CheckedDraft, CheckedLine, MAX_PAYMENT_NOTE_CHARS};
use super::model::{
    DraftBody, InvoiceStatus, InvoiceSummary, InvoiceView, PatchBody, PaymentBody, PaymentMethod,
};
use super::repo;
use super::schema::{clinic_invoice_counter, clinic_invoice_payments, clinic_invoices};
use super::totals::totals;

fn checked<T>(result: Result<T, input::Problems>) -> Result<T, InvoiceError> {
    result.map_err(|p| InvoiceError::Invalid(p.0))
}

/// A new draft for the patient: no number yet.
pub fn create(
    conn: &mut PgConnection,
    created_by: Uuid,
    patient_id: Uuid,
    body: &DraftBody,
) -> Result<InvoiceView, InvoiceError> {
    if !repo::patient_exists(conn, patient_id)? {
        return Err(InvoiceError::PatientNotFound);
    }
    let draft = checked(input::draft(body))?;
    repo::check_references(conn, patient_id, &draft.lines)?;
    let id = Uuid::new_v4();
    diesel::insert_into(clinic_invoices::table)
        .values((
            clinic_invoices::id.eq(id),
            clinic_invoices::patient_id.eq(patient_id),
            clinic_invoices::currency.eq(&draft.currency),
            clinic_invoices::tax_rate_bp.eq(draft.tax_rate_bp),
            clinic_invoices::subtotal_cents.eq(draft.totals.subtotal_cents),
            clinic_invoices::tax_cents.eq(draft.totals.tax_cents),
            clinic_invoices::total_cents.eq(draft.totals.total_cents),
            clinic_invoices::note.eq(&draft.note),
            clinic_invoices::created_by.eq(created_by),
        ))
        .execute(conn)?;
    repo::replace_lines(conn, id, &draft)?;
    repo::view(conn, id)
}

/// Changes a draft; anything else is fixed.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    patch: &PatchBody,
) -> Result<InvoiceView, InvoiceError> {
    let invoice = repo::lock(conn, id)?;
    if invoice.status != InvoiceStatus::Draft {
        return Err(InvoiceError::NotDraft(invoice.status));
    }
    let lines: Vec<CheckedLine> = repo::lines(conn, id)?
        .into_iter()
        .map(CheckedLine::from)
        .collect();
    let amounts: Vec<(i32, i64)> = lines
        .iter()
        .map(|l| (l.quantity, l.unit_price_cents))
        .collect();
    let current = CheckedDraft {
        totals: totals(&amounts, invoice.tax_rate_bp)
            .ok_or_else(|| kernel::error::AppError::internal("a stored draft's sum overflows"))?,
        lines,
        tax_rate_bp: invoice.tax_rate_bp,
        currency: invoice.currency,
        note: invoice.note,
    };
    let draft = checked(input::patched(current, patch))?;
    if patch.lines.is_some() {
        repo::check_references(conn, invoice.patient_id, &draft.lines)?;
        repo::replace_lines(conn, id, &draft)?;
    }
    diesel::update(clinic_invoices::table.find(id))
        .set((
            clinic_invoices::currency.eq(&draft.currency),
            clinic_invoices::tax_rate_bp.eq(draft.tax_rate_bp),
            clinic_invoices::subtotal_cents.eq(draft.totals.subtotal_cents),
            clinic_invoices::tax_cents.eq(draft.totals.tax_cents),
            clinic_invoices::total_cents.eq(draft.totals.total_cents),
            clinic_invoices::note.eq(&draft.note),
            clinic_invoices::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    repo::view(conn, id)
}

/// The next number, from the tenant's one counter row, locked until this
/// transaction ends: concurrent issues queue on it, and one that rolls
/// back gives its number back, so issued numbers have no gaps. The count
/// starts again each (UTC) year.
fn next_number(conn: &mut PgConnection) -> Result<String, InvoiceError> {
    let year = Utc::now().year();
    let (counted_year, last): (i32, i64) = clinic_invoice_counter::table
        .select((
            clinic_invoice_counter::year,
            clinic_invoice_counter::last_number,
        ))
        .for_update()
        .first(conn)?;
    let next = if counted_year == year {
        last.checked_add(1)
            .ok_or_else(|| kernel::error::AppError::internal("invoice numbers ran out"))?
    } else {
        1
    };
    diesel::update(clinic_invoice_counter::table)
        .set((
            clinic_invoice_counter::year.eq(year),
            clinic_invoice_counter::last_number.eq(next),
        ))
        .execute(conn)?;
    Ok(format!("INV-{year:04}-{next:06}"))
}

/// Issues a draft: it takes the next number and is fixed from then on.
/// One that owes nothing (a total of 0) is paid as it is issued.
pub fn issue(conn: &mut PgConnection, id: Uuid) -> Result<InvoiceView, InvoiceError> {
    // The invoice first, then the counter: every issue locks in this order.
    let invoice = repo::lock(conn, id)?;
    if invoice.status != InvoiceStatus::Draft {
        return Err(InvoiceError::NotDraft(invoice.status));
    }
    let number = next_number(conn)?;
    let now = Utc::now();
    let (status, paid_at) = if invoice.total_cents == 0 {
        (InvoiceStatus::Paid, Some(now))
    } else {
        (InvoiceStatus::Issued, None)
    };
    diesel::update(clinic_invoices::table.find(id))
        .set((
            clinic_invoices::number.eq(&number),
            clinic_invoices::status.eq(status),
            clinic_invoices::issued_at.eq(now),
            clinic_invoices::paid_at.eq(paid_at),
            clinic_invoices::updated_at.eq(now),
        ))
        .execute(conn)?;
    repo::view(conn, id)
}

/// Voids an issued or paid invoice; it keeps its number.
pub fn void(conn: &mut PgConnection, id: Uuid) -> Result<InvoiceView, InvoiceError> {
    let invoice = repo::lock(conn, id)?;
    match invoice.status {
        InvoiceStatus::Draft => return Err(InvoiceError::NotIssued),
        InvoiceStatus::Void => return Err(InvoiceError::Void),
        InvoiceStatus::Issued | InvoiceStatus::Paid => {}
    }
    diesel::update(clinic_invoices::table.find(id))
        .set((
            clinic_invoices::status.eq(InvoiceStatus::Void),
            clinic_invoices::voided_at.eq(diesel::dsl::now),
            clinic_invoices::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    repo::view(conn, id)
}

/// Records a payment taken by hand; the invoice is paid once payments
/// cover its total. More than is owed is refused.
pub fn pay(
    conn: &mut PgConnection,
    recorded_by: Uuid,
    id: Uuid,
    body: &PaymentBody,
) -> Result<InvoiceView, InvoiceError> {
    let note = kernel::input::optional_long_text(body.note.as_deref(), MAX_PAYMENT_NOTE_CHARS)
        .map_err(|m| InvoiceError::invalid("note", m))?;
    let (invoice, owed) = repo::lock_payable(conn, id)?;
    if body.amount_cents <= 0 || body.amount_cents > owed {
        return Err(InvoiceError::invalid(
            "amount_cents",
            format!("must be more than 0 and at most the {owed} still owed"),
        ));
    }
    record_payment(
        conn,
        &invoice,
        &NewPayment {
            amount_cents: body.amount_cents,
            method: body.method,
            note: note.as_deref(),
            recorded_by,
            provider_ref: None,
        },
    )?;
    repo::view(conn, id)
}

/// A payment to add to an issued invoice; the caller has checked it is
/// more than 0 and at most what the invoice owes.
pub(super) struct NewPayment<'a> {
    pub amount_cents: i64,
    pub method: PaymentMethod,
    pub note: Option<&'a str>,
    pub recorded_by: Uuid,
    pub provider_ref: Option<&'a str>,
}

/// Adds the payment to the locked, issued `invoice`, which becomes paid
/// once its payments cover the total. By hand or through the provider,
/// every payment goes through here.
pub(super) fn record_payment(
    conn: &mut PgConnection,
    invoice: &InvoiceSummary,
    payment: &NewPayment,
) -> Result<(), InvoiceError> {
    let paid = invoice
        .paid_cents
        .checked_add(payment.amount_cents)
        .ok_or_else(|| InvoiceError::invalid("amount_cents", "is too large"))?;
    diesel::insert_into(clinic_invoice_payments::table)
        .values((
            clinic_invoice_payments::id.eq(Uuid::new_v4()),
            clinic_invoice_payments::invoice_id.eq(invoice.id),
            clinic_invoice_payments::amount_cents.eq(payment.amount_cents),
            clinic_invoice_payments::method.eq(payment.method),
            clinic_invoice_payments::note.eq(payment.note),
            clinic_invoice_payments::recorded_by.eq(payment.recorded_by),
            clinic_invoice_payments::provider_ref.eq(payment.provider_ref),
        ))
        .execute(conn)?;
    let now = Utc::now();
    let settled = paid == invoice.total_cents;
    diesel::update(clinic_invoices::table.find(invoice.id))
        .set((
            clinic_invoices::paid_cents.eq(paid),
            clinic_invoices::status.eq(if settled {
                InvoiceStatus::Paid
            } else {
                InvoiceStatus::Issued
            }),
            clinic_invoices::paid_at.eq(settled.then_some(now)),
            clinic_invoices::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

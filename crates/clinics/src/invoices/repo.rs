//! Invoice queries, in the tenant's transaction.

use diesel::dsl::exists;
use diesel::prelude::*;
use diesel::sql_types::{Array, Uuid as SqlUuid};
use uuid::Uuid;

use super::error::InvoiceError;
use super::input::{line_total_of, CheckedDraft, CheckedLine};
use super::model::{InvoiceStatus, InvoiceSummary, InvoiceView, LineView, PaymentView};
use super::schema::{clinic_invoice_lines, clinic_invoice_payments, clinic_invoices};
use crate::schema::patients;

/// Most invoices listed at once (newest first).
const LIST_LIMIT: i64 = 500;

pub fn patient_exists(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<bool> {
    diesel::select(exists(patients::table.filter(patients::id.eq(patient_id)))).get_result(conn)
}

/// The patient an invoice is for, if there is such an invoice: what the
/// access audit needs before the request reads it.
pub fn patient_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Uuid>> {
    clinic_invoices::table
        .find(id)
        .select(clinic_invoices::patient_id)
        .first(conn)
        .optional()
}

/// The invoice, locked for the change the caller makes.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> Result<InvoiceSummary, InvoiceError> {
    clinic_invoices::table
        .find(id)
        .select(InvoiceSummary::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or(InvoiceError::NotFound)
}

/// Locks an invoice that takes payments (issued, not yet paid) and
/// answers it with what it still owes.
pub fn lock_payable(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<(InvoiceSummary, i64), InvoiceError> {
    let invoice = lock(conn, id)?;
    match invoice.status {
        InvoiceStatus::Draft => return Err(InvoiceError::NotIssued),
        InvoiceStatus::Void => return Err(InvoiceError::Void),
        InvoiceStatus::Paid => return Err(InvoiceError::Paid),
        InvoiceStatus::Issued => {}
    }
    let owed = invoice.total_cents.saturating_sub(invoice.paid_cents);
    Ok((invoice, owed))
}

pub fn lines(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<LineView>> {
    clinic_invoice_lines::table
        .filter(clinic_invoice_lines::invoice_id.eq(id))
        .select(LineView::as_select())
        .order(clinic_invoice_lines::position)
        .load(conn)
}

/// The invoice whole, with its lines and payments.
pub fn view(conn: &mut PgConnection, id: Uuid) -> Result<InvoiceView, InvoiceError> {
    let invoice = clinic_invoices::table
        .find(id)
        .select(InvoiceSummary::as_select())
        .first(conn)
        .optional()?
        .ok_or(InvoiceError::NotFound)?;
    whole(conn, invoice)
}

pub fn whole(
    conn: &mut PgConnection,
    invoice: InvoiceSummary,
) -> Result<InvoiceView, InvoiceError> {
    let lines = lines(conn, invoice.id)?;
    let payments = clinic_invoice_payments::table
        .filter(clinic_invoice_payments::invoice_id.eq(invoice.id))
        .select(PaymentView::as_select())
        .order((
            clinic_invoice_payments::recorded_at,
            clinic_invoice_payments::id,
        ))
        .load(conn)?;
    let balance_cents = match invoice.status {
        super::InvoiceStatus::Void => 0,
        _ => invoice.total_cents.saturating_sub(invoice.paid_cents),
    };
    Ok(InvoiceView {
        invoice,
        balance_cents,
        lines,
        payments,
    })
}

/// The patient's invoices, newest first.
pub fn list(
    conn: &mut PgConnection,
    patient_id: Uuid,
) -> Result<Vec<InvoiceSummary>, InvoiceError> {
    if !patient_exists(conn, patient_id)? {
        return Err(InvoiceError::PatientNotFound);
    }
    Ok(clinic_invoices::table
        .filter(clinic_invoices::patient_id.eq(patient_id))
        .select(InvoiceSummary::as_select())
        .order((
            clinic_invoices::created_at.desc(),
            clinic_invoices::id.desc(),
        ))
        .limit(LIST_LIMIT)
        .load(conn)?)
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Lines whose booking is not one of this patient's, or whose service
/// does not exist, as field problems.
pub fn check_references(
    conn: &mut PgConnection,
    patient_id: Uuid,
    lines: &[CheckedLine],
) -> Result<(), InvoiceError> {
    let bookings: Vec<Uuid> = lines.iter().filter_map(|l| l.booking_id).collect();
    let services: Vec<Uuid> = lines.iter().filter_map(|l| l.service_id).collect();
    // Bookings' patient column is the clinic's (its migration added it):
    // read through SQL rather than the bookings crate's table definition.
    let known_bookings: Vec<Uuid> = if bookings.is_empty() {
        Vec::new()
    } else {
        diesel::sql_query("SELECT id FROM bookings WHERE id = ANY($1) AND patient_id = $2")
            .bind::<Array<SqlUuid>, _>(&bookings)
            .bind::<SqlUuid, _>(patient_id)
            .load::<Found>(conn)?
            .into_iter()
            .map(|f| f.id)
            .collect()
    };
    let known_services: Vec<Uuid> = if services.is_empty() {
        Vec::new()
    } else {
        diesel::sql_query("SELECT id FROM services WHERE id = ANY($1)")
            .bind::<Array<SqlUuid>, _>(&services)
            .load::<Found>(conn)?
            .into_iter()
            .map(|f| f.id)
            .collect()
    };
    let mut errors = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line
            .booking_id
            .is_some_and(|b| !known_bookings.contains(&b))
        {
            errors.push(kernel::error::FieldError {
                field: format!("lines[{i}].booking_id"),
                message: "is not an appointment of this patient".into(),
            });
        }
        if line
            .service_id
            .is_some_and(|s| !known_services.contains(&s))
        {
            errors.push(kernel::error::FieldError {
                field: format!("lines[{i}].service_id"),
                message: "is not a service of this clinic".into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InvoiceError::Invalid(errors))
    }
}

/// Writes the draft's lines (replacing any there were).
pub fn replace_lines(
    conn: &mut PgConnection,
    invoice_id: Uuid,
    draft: &CheckedDraft,
) -> QueryResult<()> {
    diesel::delete(
        clinic_invoice_lines::table.filter(clinic_invoice_lines::invoice_id.eq(invoice_id)),
    )
    .execute(conn)?;
    let rows: Vec<_> = draft
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            (
                clinic_invoice_lines::invoice_id.eq(invoice_id),
                clinic_invoice_lines::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                clinic_invoice_lines::description.eq(&line.description),
                clinic_invoice_lines::quantity.eq(line.quantity),
                clinic_invoice_lines::unit_price_cents.eq(line.unit_price_cents),
                clinic_invoice_lines::line_total_cents.eq(line_total_of(line)),
                clinic_invoice_lines::booking_id.eq(line.booking_id),
                clinic_invoice_lines::service_id.eq(line.service_id),
            )
        })
        .collect();
    diesel::insert_into(clinic_invoice_lines::table)
        .values(rows)
        .execute(conn)?;
    Ok(())
}

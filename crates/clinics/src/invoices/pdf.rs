//! An invoice to a patient as a PDF, laid out with billing's shared page
//! layout (the shop's invoices use the same). Latin script only: other
//! scripts print as `?`; numbers, amounts and dates stay legible.

use billing::pdf::money;
use billing::pdf_layout::{Pages, BOLD, REGULAR};
use diesel::prelude::*;
use uuid::Uuid;

use super::error::InvoiceError;
use super::model::{InvoiceStatus, InvoiceView};
use super::repo;
use crate::schema::patients;

/// The heading: the number, or what stands in for it.
fn heading(invoice: &InvoiceView) -> String {
    let i = &invoice.invoice;
    match (&i.number, i.status) {
        (Some(number), InvoiceStatus::Void) => format!("Invoice {number} (VOID)"),
        (Some(number), _) => format!("Invoice {number}"),
        (None, _) => "Draft invoice (not issued, no number)".to_string(),
    }
}

/// The PDF's bytes: `clinic` on top, billed to the patient `(code, name)`.
pub fn render(clinic: &str, patient: (&str, &str), invoice: &InvoiceView) -> Vec<u8> {
    let i = &invoice.invoice;
    let currency = i.currency.as_str();
    let mut p = Pages::new();
    p.line(20.0, BOLD, &billing::pdf_layout::clip(clinic, 50));
    p.line(16.0, BOLD, &heading(invoice));
    if let Some(issued) = i.issued_at {
        p.line(
            11.0,
            REGULAR,
            &format!("Issued {}", issued.format("%Y-%m-%d")),
        );
    }
    if let Some(paid) = i.paid_at {
        p.line(11.0, REGULAR, &format!("Paid {}", paid.format("%Y-%m-%d")));
    }
    p.gap(10.0);
    p.line(11.0, BOLD, "Billed to");
    p.line(
        11.0,
        REGULAR,
        &billing::pdf_layout::clip(&format!("{} ({})", patient.1, patient.0), 90),
    );
    p.gap(10.0);
    p.row(BOLD, "Description", "Amount");
    for line in &invoice.lines {
        let label = format!(
            "{} x {} at {}",
            line.quantity,
            line.description,
            money(line.unit_price_cents, currency)
        );
        p.row(REGULAR, &label, &money(line.line_total_cents, currency));
    }
    p.gap(6.0);
    p.row(REGULAR, "Subtotal", &money(i.subtotal_cents, currency));
    let rate = format!("{}.{:02}", i.tax_rate_bp / 100, i.tax_rate_bp % 100);
    p.row(
        REGULAR,
        &format!("Tax ({rate} %)"),
        &money(i.tax_cents, currency),
    );
    p.row(BOLD, "Total", &money(i.total_cents, currency));
    if i.paid_cents > 0 {
        p.row(REGULAR, "Paid", &money(i.paid_cents, currency));
        p.row(BOLD, "Balance", &money(invoice.balance_cents, currency));
    }
    if let Some(note) = &i.note {
        p.gap(10.0);
        for part in note.lines().take(20) {
            p.line(10.0, REGULAR, &billing::pdf_layout::clip(part, 100));
        }
    }
    let title = i.number.clone().unwrap_or_else(|| "Draft invoice".into());
    p.render(&title, clinic)
}

/// The invoice's PDF and the name to save it under.
pub fn pdf(
    conn: &mut PgConnection,
    clinic: &str,
    id: Uuid,
) -> Result<(String, Vec<u8>), InvoiceError> {
    let invoice = repo::view(conn, id)?;
    let (code, name): (String, String) = patients::table
        .find(invoice.invoice.patient_id)
        .select((patients::code, patients::name))
        .first(conn)?;
    let file = match &invoice.invoice.number {
        Some(number) => format!("{number}.pdf"),
        None => format!("draft-{id}.pdf"),
    };
    Ok((file, render(clinic, (&code, &name), &invoice)))
}

#[cfg(test)]
#[path = "pdf_test.rs"]
mod tests;

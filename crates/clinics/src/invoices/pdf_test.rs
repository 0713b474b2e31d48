#![allow(clippy::unwrap_used)]

use chrono::Utc;
use uuid::Uuid;

use super::*;
use crate::invoices::model::{InvoiceSummary, LineView};

fn invoice(number: Option<&str>, status: InvoiceStatus) -> InvoiceView {
    InvoiceView {
        invoice: InvoiceSummary {
            id: Uuid::new_v4(),
            patient_id: Uuid::new_v4(),
            number: number.map(str::to_string),
            status,
            currency: "EUR".into(),
            tax_rate_bp: 550,
            subtotal_cents: 9000,
            tax_cents: 495,
            total_cents: 9495,
            paid_cents: 0,
            note: None,
            issued_at: number.map(|_| Utc::now()),
            paid_at: None,
            voided_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        },
        balance_cents: 9495,
        lines: vec![LineView {
            position: 0,
            description: "Physiotherapy session".into(),
            quantity: 2,
            unit_price_cents: 4500,
            line_total_cents: 9000,
            booking_id: None,
            service_id: None,
        }],
        payments: vec![],
    }
}

#[test]
fn an_issued_invoice_prints_its_number_lines_and_tax() {
    let pdf = render(
        "Cabinet Martin",
        ("PAT000001", "Zoe Martin"),
        &invoice(Some("INV-2026-000007"), InvoiceStatus::Issued),
    );
    assert!(pdf.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&pdf);
    for part in [
        "Invoice INV-2026-000007",
        "2 x Physiotherapy session at 45.00 EUR",
        "45.00 EUR",
        "Tax (5.50 %)",
        "94.95 EUR",
        "PAT000001",
    ] {
        assert!(text.contains(part), "{part:?} missing");
    }
}

#[test]
fn drafts_and_void_invoices_say_so() {
    let draft = render("C", ("P", "N"), &invoice(None, InvoiceStatus::Draft));
    assert!(String::from_utf8_lossy(&draft).contains("Draft invoice"));
    let void = render(
        "C",
        ("P", "N"),
        &invoice(Some("INV-2026-000001"), InvoiceStatus::Void),
    );
    assert!(String::from_utf8_lossy(&void).contains("INV-2026-000001 (VOID)"));
}

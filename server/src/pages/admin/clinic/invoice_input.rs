//! The chart's invoice forms read into the invoices library's bodies.
//! Amounts are typed as a person writes them (`25`, `25.50`, `25,50`,
//! Arabic-Indic digits) and become minor units with the service form's
//! own reader, never through a float; the tax is typed in percent with at
//! most two decimals, which is its rate in basis points read the same
//! way. What cannot be read is a field problem under the name the
//! library gives that field, so the chart words both alike; the ranges
//! and the rest are the library's to check.

use clinics::invoices::{DraftBody, LineBody, PaymentBody, PaymentMethod};
use kernel::error::FieldError;

use super::super::services::amount::price_minor;
use crate::pages::layer::Form;

/// The line rows the draft form shows; an invoice with more is drafted
/// through the API (up to 100 lines).
pub const LINE_ROWS: usize = 5;

/// The payment methods the pay form offers, in its order.
pub const METHODS: [&str; 3] = ["cash", "card", "transfer"];

fn problem(problems: &mut Vec<FieldError>, field: String, message: &str) {
    problems.push(FieldError {
        field,
        message: message.to_string(),
    });
}

/// A line row, or None when its description and price are both blank
/// (the quantity alone, filled in ahead as 1, is no line).
fn line(f: &Form, row: usize, problems: &mut Vec<FieldError>) -> Option<LineBody> {
    let name = |part: &str| format!("line-{row}-{part}");
    let description = f.get(&name("description"));
    let price = f.get(&name("price"));
    if description.is_none() && price.is_none() {
        return None;
    }
    let field = |part: &str| format!("lines[{row}].{part}");
    let quantity = match f.get(&name("quantity")) {
        None => 1,
        Some(raw) => raw.parse().unwrap_or_else(|_| {
            problem(problems, field("quantity"), "must be a whole number");
            1
        }),
    };
    let unit_price_cents = price.and_then(price_minor).unwrap_or_else(|| {
        problem(
            problems,
            field("unit_price_cents"),
            "must be an amount such as 25.50",
        );
        0
    });
    Some(LineBody {
        description: description.unwrap_or_default().to_string(),
        quantity,
        unit_price_cents,
        booking_id: None,
        service_id: None,
    })
}

/// A new draft from the form, and what in it could not be read.
pub fn draft(f: &Form) -> (DraftBody, Vec<FieldError>) {
    let mut problems = Vec::new();
    let lines: Vec<LineBody> = (0..LINE_ROWS)
        .filter_map(|row| line(f, row, &mut problems))
        .collect();
    let tax_rate_bp = f.get("tax_percent").and_then(|raw| {
        let bp = price_minor(raw);
        if bp.is_none() {
            problem(
                &mut problems,
                "tax_rate_bp".into(),
                "must be a percentage with at most two decimals",
            );
        }
        bp
    });
    let body = DraftBody {
        lines,
        tax_rate_bp,
        tax_percent: None,
        // The library wants capitals; a person may type `eur`.
        currency: f.raw("currency").trim().to_uppercase(),
        note: f.get("note").map(str::to_string),
    };
    (body, problems)
}

/// A payment from the pay form, or what in it could not be read.
pub fn payment(f: &Form) -> Result<PaymentBody, Vec<FieldError>> {
    let mut problems = Vec::new();
    let amount = f.get("amount").and_then(price_minor);
    if amount.is_none() {
        problem(
            &mut problems,
            "amount_cents".into(),
            "must be an amount such as 25.50",
        );
    }
    let method = f.get("method").and_then(PaymentMethod::parse);
    if method.is_none() {
        problem(
            &mut problems,
            "method".into(),
            "must be cash, card or transfer",
        );
    }
    match (amount, method) {
        (Some(amount_cents), Some(method)) => Ok(PaymentBody {
            amount_cents,
            method,
            note: f.get("note").map(str::to_string),
        }),
        _ => Err(problems),
    }
}

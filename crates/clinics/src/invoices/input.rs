//! A draft's body checked into the values that are stored: every field's
//! problem gathered into one 422, amounts computed with checked arithmetic.

use kernel::error::FieldError;
use kernel::input::{optional_long_text, required_text};
use uuid::Uuid;

use super::model::{DraftBody, LineBody, LineView, PatchBody};
use super::totals::{line_total, percent_to_bp, totals, Totals};

pub const MAX_LINES: usize = 100;
pub const MAX_QUANTITY: i64 = 10_000;
/// 100 million in the currency's major unit: more than any visit costs,
/// and far from where a sum of 100 lines could overflow.
pub const MAX_UNIT_PRICE_CENTS: i64 = 10_000_000_000;
pub const MAX_DESCRIPTION_CHARS: usize = 500;
pub const MAX_NOTE_CHARS: usize = 2_000;
pub const MAX_PAYMENT_NOTE_CHARS: usize = 500;

/// Field problems gathered for one answer.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    fn check<T>(&mut self, field: impl Into<String>, checked: Result<T, String>) -> Option<T> {
        checked.map_err(|message| self.push(field, message)).ok()
    }
}

/// A line as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLine {
    pub description: String,
    pub quantity: i32,
    pub unit_price_cents: i64,
    pub booking_id: Option<Uuid>,
    pub service_id: Option<Uuid>,
}

impl From<LineView> for CheckedLine {
    fn from(line: LineView) -> Self {
        CheckedLine {
            description: line.description,
            quantity: line.quantity,
            unit_price_cents: line.unit_price_cents,
            booking_id: line.booking_id,
            service_id: line.service_id,
        }
    }
}

/// A draft as stored, with its totals.
#[derive(Debug, Clone)]
pub struct CheckedDraft {
    pub lines: Vec<CheckedLine>,
    pub tax_rate_bp: i32,
    pub currency: String,
    pub note: Option<String>,
    pub totals: Totals,
}

fn line(problems: &mut Problems, i: usize, body: &LineBody) -> Option<CheckedLine> {
    let at = |field: &str| format!("lines[{i}].{field}");
    let description = problems.check(
        at("description"),
        required_text(&body.description, MAX_DESCRIPTION_CHARS),
    );
    let quantity = problems.check(
        at("quantity"),
        i32::try_from(body.quantity)
            .ok()
            .filter(|q| (1..=MAX_QUANTITY).contains(&i64::from(*q)))
            .ok_or_else(|| format!("must be from 1 to {MAX_QUANTITY}")),
    );
    let unit_price_cents = problems.check(
        at("unit_price_cents"),
        Some(body.unit_price_cents)
            .filter(|p| (0..=MAX_UNIT_PRICE_CENTS).contains(p))
            .ok_or_else(|| format!("must be from 0 to {MAX_UNIT_PRICE_CENTS}")),
    );
    Some(CheckedLine {
        description: description?,
        quantity: quantity?,
        unit_price_cents: unit_price_cents?,
        booking_id: body.booking_id,
        service_id: body.service_id,
    })
}

fn lines(problems: &mut Problems, bodies: &[LineBody]) -> Option<Vec<CheckedLine>> {
    if bodies.is_empty() || bodies.len() > MAX_LINES {
        problems.push(
            "lines",
            format!(
                "an invoice has 1 to {MAX_LINES} lines; this one has {}",
                bodies.len()
            ),
        );
        return None;
    }
    let checked: Vec<Option<CheckedLine>> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| line(problems, i, body))
        .collect();
    checked.into_iter().collect()
}

fn tax_rate(problems: &mut Problems, bp: Option<i64>, percent: Option<f64>) -> Option<i32> {
    match (bp, percent) {
        (Some(_), Some(_)) => {
            problems.push("tax_rate_bp", "give tax_rate_bp or tax_percent, not both");
            None
        }
        (Some(bp), None) => problems.check(
            "tax_rate_bp",
            i32::try_from(bp)
                .ok()
                .filter(|bp| (0..=10_000).contains(bp))
                .ok_or_else(|| "must be from 0 to 10000 basis points (100 %)".to_string()),
        ),
        (None, Some(percent)) => problems.check(
            "tax_percent",
            percent_to_bp(percent)
                .ok_or_else(|| "must be from 0 to 100 with at most two decimals".to_string()),
        ),
        (None, None) => None,
    }
}

fn currency(raw: &str) -> Result<String, String> {
    if raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(raw.to_string())
    } else {
        Err("must be an ISO 4217 code: three capital letters such as EUR".into())
    }
}

fn priced(problems: &mut Problems, lines: &[CheckedLine], tax_rate_bp: i32) -> Option<Totals> {
    let amounts: Vec<(i32, i64)> = lines
        .iter()
        .map(|l| (l.quantity, l.unit_price_cents))
        .collect();
    let found = totals(&amounts, tax_rate_bp);
    if found.is_none() {
        problems.push("lines", "the amounts add up to more than can be billed");
    }
    found
}

/// A new draft's body, checked.
pub fn draft(body: &DraftBody) -> Result<CheckedDraft, Problems> {
    let mut problems = Problems::default();
    let lines = lines(&mut problems, &body.lines);
    let tax = tax_rate(&mut problems, body.tax_rate_bp, body.tax_percent);
    let no_tax = body.tax_rate_bp.is_none() && body.tax_percent.is_none();
    let currency = problems.check("currency", currency(&body.currency));
    let note = problems.check(
        "note",
        optional_long_text(body.note.as_deref(), MAX_NOTE_CHARS),
    );
    let tax_rate_bp = if no_tax { Some(0) } else { tax };
    finish(problems, lines, tax_rate_bp, currency, note)
}

/// A draft as it is once `patch` applies to `current`.
pub fn patched(current: CheckedDraft, patch: &PatchBody) -> Result<CheckedDraft, Problems> {
    let mut problems = Problems::default();
    let lines = match &patch.lines {
        Some(bodies) => lines(&mut problems, bodies),
        None => Some(current.lines),
    };
    let tax_rate_bp = if patch.tax_rate_bp.is_none() && patch.tax_percent.is_none() {
        Some(current.tax_rate_bp)
    } else {
        tax_rate(&mut problems, patch.tax_rate_bp, patch.tax_percent)
    };
    let currency = match &patch.currency {
        Some(raw) => problems.check("currency", currency(raw)),
        None => Some(current.currency),
    };
    let note = match &patch.note {
        Some(note) => problems.check("note", optional_long_text(note.as_deref(), MAX_NOTE_CHARS)),
        None => Some(current.note),
    };
    finish(problems, lines, tax_rate_bp, currency, note)
}

fn finish(
    mut problems: Problems,
    lines: Option<Vec<CheckedLine>>,
    tax_rate_bp: Option<i32>,
    currency: Option<String>,
    note: Option<Option<String>>,
) -> Result<CheckedDraft, Problems> {
    let totals = match (&lines, tax_rate_bp) {
        (Some(lines), Some(bp)) => priced(&mut problems, lines, bp),
        _ => None,
    };
    match (lines, tax_rate_bp, currency, note, totals) {
        (Some(lines), Some(tax_rate_bp), Some(currency), Some(note), Some(totals))
            if problems.0.is_empty() =>
        {
            Ok(CheckedDraft {
                lines,
                tax_rate_bp,
                currency,
                note,
                totals,
            })
        }
        _ => Err(problems),
    }
}

/// A line's total (checked already when the draft was).
pub fn line_total_of(line: &CheckedLine) -> i64 {
    line_total(line.quantity, line.unit_price_cents).unwrap_or(i64::MAX)
}

#[cfg(test)]
#[path = "input_test.rs"]
mod tests;

#![allow(clippy::unwrap_used)]

use super::*;

fn body(lines: Vec<LineBody>) -> DraftBody {
    DraftBody {
        lines,
        tax_rate_bp: None,
        tax_percent: Some(20.0),
        currency: "EUR".into(),
        note: None,
    }
}

fn visit(quantity: i64, unit_price_cents: i64) -> LineBody {
    LineBody {
        description: "Physiotherapy session".into(),
        quantity,
        unit_price_cents,
        booking_id: None,
        service_id: None,
    }
}

fn fields(problems: Problems) -> Vec<String> {
    problems.0.into_iter().map(|e| e.field).collect()
}

#[test]
fn a_good_draft_has_its_totals() {
    let draft = draft(&body(vec![visit(2, 4500), visit(1, 1000)])).unwrap();
    assert_eq!(draft.tax_rate_bp, 2000);
    assert_eq!(draft.totals.subtotal_cents, 10000);
    assert_eq!(draft.totals.tax_cents, 2000);
    assert_eq!(draft.totals.total_cents, 12000);
}

#[test]
fn every_bad_field_is_named_at_once() {
    let mut bad = body(vec![visit(0, -1), visit(1, 100)]);
    bad.lines[1].description = "a\u{0}b".into();
    bad.currency = "eur".into();
    bad.tax_rate_bp = Some(10);
    let got = fields(draft(&bad).unwrap_err());
    for field in [
        "lines[0].quantity",
        "lines[0].unit_price_cents",
        "lines[1].description",
        "currency",
        "tax_rate_bp",
    ] {
        assert!(got.iter().any(|f| f == field), "{field} in {got:?}");
    }
    assert_eq!(fields(draft(&body(vec![])).unwrap_err()), ["lines"]);
}

#[test]
fn a_patch_keeps_what_it_does_not_send() {
    let current = draft(&body(vec![visit(1, 5000)])).unwrap();
    let changed = patched(
        current.clone(),
        &PatchBody {
            tax_rate_bp: Some(550),
            ..PatchBody::default()
        },
    )
    .unwrap();
    assert_eq!(changed.lines, current.lines);
    assert_eq!(changed.totals.tax_cents, 275);
    assert_eq!(changed.currency, "EUR");
}

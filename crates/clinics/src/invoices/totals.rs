//! An invoice's amounts, in integer cents with checked arithmetic: a sum
//! that would not fit is refused, never wrapped or saturated.
//!
//! Tax is computed once, on the subtotal, and rounded half up to the cent:
//! `tax = (subtotal * rate_bp + 5000) / 10000`. Rounding per line instead
//! would let the tax drift from the rate by up to half a cent per line.

/// The amounts of an invoice with lines of `(quantity, unit_price_cents)`
/// at `tax_rate_bp` (basis points: 2000 is 20 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub subtotal_cents: i64,
    pub tax_cents: i64,
    pub total_cents: i64,
}

/// A line's total, None when it would not fit.
pub fn line_total(quantity: i32, unit_price_cents: i64) -> Option<i64> {
    unit_price_cents.checked_mul(i64::from(quantity))
}

/// The invoice's totals, None when an amount would not fit in cents.
pub fn totals(lines: &[(i32, i64)], tax_rate_bp: i32) -> Option<Totals> {
    let mut subtotal: i64 = 0;
    for (quantity, unit) in lines {
        subtotal = subtotal.checked_add(line_total(*quantity, *unit)?)?;
    }
    let tax = i128::from(subtotal)
        .checked_mul(i128::from(tax_rate_bp))?
        .checked_add(5_000)?
        .checked_div(10_000)?;
    let tax_cents = i64::try_from(tax).ok()?;
    Some(Totals {
        subtotal_cents: subtotal,
        tax_cents,
        total_cents: subtotal.checked_add(tax_cents)?,
    })
}

/// A rate in percent (`20`, `5.5`, `7.25`) as basis points, when it is
/// between 0 and 100 with at most two decimals.
pub fn percent_to_bp(percent: f64) -> Option<i32> {
    if !percent.is_finite() || !(0.0..=100.0).contains(&percent) {
        return None;
    }
    let scaled = percent * 100.0;
    let rounded = scaled.round();
    // Exactly representable rates come back within a hair of an integer;
    // anything further off had more than two decimals.
    if (scaled - rounded).abs() > 1e-6 {
        return None;
    }
    // In 0..=10000 after the range check above: the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation)]
    Some(rounded as i32)
}

#[cfg(test)]
#[path = "totals_test.rs"]
mod tests;

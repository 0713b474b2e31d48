#![allow(clippy::unwrap_used)]

use super::*;

#[test]
fn tax_is_rounded_half_up_once_on_the_subtotal() {
    // 3 x 3.33 = 9.99 at 20 %: 1.998 -> 2.00.
    let t = totals(&[(3, 333)], 2000).unwrap();
    assert_eq!(
        t,
        Totals {
            subtotal_cents: 999,
            tax_cents: 200,
            total_cents: 1199
        }
    );
    // 0.25 at 10 % is 2.5 cents: half goes up.
    assert_eq!(totals(&[(1, 25)], 1000).unwrap().tax_cents, 3);
    // 0.24 at 10 % is 2.4 cents.
    assert_eq!(totals(&[(1, 24)], 1000).unwrap().tax_cents, 2);
    // Per-line rounding would give 3 x round(0.5) = 3 cents; once is 2.
    assert_eq!(
        totals(&[(1, 5), (1, 5), (1, 5)], 1000).unwrap().tax_cents,
        2
    );
    assert_eq!(totals(&[(2, 1000)], 0).unwrap().total_cents, 2000);
}

#[test]
fn amounts_that_do_not_fit_are_refused() {
    assert_eq!(totals(&[(2, i64::MAX / 2 + 1)], 0), None);
    assert_eq!(totals(&[(1, i64::MAX), (1, 1)], 0), None);
    assert_eq!(totals(&[(1, i64::MAX)], 10), None);
    assert_eq!(line_total(10, i64::MAX / 5), None);
}

#[test]
fn percent_reads_as_basis_points() {
    assert_eq!(percent_to_bp(20.0), Some(2000));
    assert_eq!(percent_to_bp(5.5), Some(550));
    assert_eq!(percent_to_bp(7.25), Some(725));
    assert_eq!(percent_to_bp(0.0), Some(0));
    assert_eq!(percent_to_bp(100.0), Some(10000));
    assert_eq!(percent_to_bp(7.255), None);
    assert_eq!(percent_to_bp(-1.0), None);
    assert_eq!(percent_to_bp(100.5), None);
    assert_eq!(percent_to_bp(f64::NAN), None);
}

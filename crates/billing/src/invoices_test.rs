use super::*;

#[test]
fn tax_rounds_half_a_cent_up() {
    assert_eq!(tax_of(4900, 2000), 980);
    // 1 cent at 50 %: half a cent, up.
    assert_eq!(tax_of(1, 5000), 1);
    // 1 cent at 49.99 %: under half, down.
    assert_eq!(tax_of(1, 4999), 0);
    assert_eq!(tax_of(1999, 1950), 390);
    assert_eq!(tax_of(0, 2000), 0);
}

#[test]
fn numbers_have_six_digits() {
    assert_eq!(number_text(2026, 1), "INV-2026-000001");
    assert_eq!(number_text(2027, 123_456), "INV-2027-123456");
}

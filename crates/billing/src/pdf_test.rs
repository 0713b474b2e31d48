use super::*;

#[test]
fn money_has_two_decimals() {
    assert_eq!(money(5880, "EUR"), "58.80 EUR");
    assert_eq!(money(5, "EUR"), "0.05 EUR");
    assert_eq!(money(-150, "USD"), "-1.50 USD");
}

#[test]
fn characters_outside_the_font_become_question_marks() {
    assert_eq!(win_ansi("Café €"), b"Caf\xe9 \x80".to_vec());
    assert_eq!(win_ansi("مطعم A"), b"???? A".to_vec());
}

use super::*;

#[test]
fn only_six_hex_digits_make_an_accent() {
    assert_eq!(Accent::parse("#1D4ED8").unwrap().hex(), "1d4ed8");
    assert!(Accent::parse("1d4ed").is_none());
    assert!(Accent::parse("red;}body{").is_none());
    assert!(Accent::parse("zzzzzz").is_none());
}

#[test]
fn text_on_the_accent_is_the_readable_one() {
    assert_eq!(Accent::parse("1d4ed8").unwrap().text_on(), "#ffffff");
    assert_eq!(Accent::parse("ffd84d").unwrap().text_on(), "#000000");
}

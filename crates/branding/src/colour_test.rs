//! Unit tests of colour.rs.

use super::*;

#[test]
fn colours_are_hash_and_six_hex_digits_kept_lower_case() {
    assert_eq!(
        AccentColour::parse(" #1D4ED8 ").unwrap().as_str(),
        "#1d4ed8"
    );
    assert_eq!(AccentColour::parse("#00ff7f").unwrap().as_str(), "#00ff7f");
    for bad in [
        "red",
        "",
        "#fff",
        "1d4ed8",
        "#1d4ed8ff",
        "#1d4ez8",
        "#ééé",
        "rgb(0,0,0)",
    ] {
        assert!(AccentColour::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn the_default_is_readable_on_white() {
    let accent = AccentColour::default();
    assert_eq!(accent.as_str(), DEFAULT_ACCENT);
    assert!(contrast(1.0, accent.luminance()) >= 4.5);
    assert_eq!(accent.text_colour(), "#ffffff");
}

#[test]
fn text_on_a_light_accent_is_black() {
    let yellow = AccentColour::parse("#ffeb3b").unwrap();
    assert_eq!(yellow.text_colour(), "#000000");
    let black = AccentColour::parse("#000000").unwrap();
    assert_eq!(black.text_colour(), "#ffffff");
}

//! Unit tests of input.rs.

use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::json;

use super::*;

#[test]
fn text_with_nul_is_refused_with_its_own_message() {
    let err = required_text("a\u{0}b", 200).unwrap_err();
    assert!(err.contains("NUL"), "{err}");
    let err = optional_long_text(Some("line one\nline\u{0}two"), 2000).unwrap_err();
    assert!(err.contains("NUL"), "{err}");
}

#[test]
fn long_text_keeps_line_breaks_and_blank_is_none() {
    assert_eq!(
        optional_long_text(Some(" one\ntwo\t "), 20).unwrap(),
        Some("one\ntwo".into())
    );
    assert_eq!(optional_long_text(Some("  "), 20).unwrap(), None);
    assert_eq!(optional_long_text(None, 20).unwrap(), None);
    assert!(optional_long_text(Some("abc"), 2).is_err());
}

#[test]
fn required_text_still_refuses_other_control_characters() {
    let err = required_text("a\nb", 200).unwrap_err();
    assert!(err.contains("line breaks"), "{err}");
    assert_eq!(required_text("  Cut  ", 200).unwrap(), "Cut");
}

#[test]
fn json_with_nul_anywhere_is_refused() {
    assert!(storable_json(&json!({"a": [1, "x", {"b": null}]})).is_ok());
    assert!(storable_json(&json!("a\u{0}")).is_err());
    assert!(storable_json(&json!({"a\u{0}": 1})).is_err());
    assert!(storable_json(&json!({"a": [{"b": ["c\u{0}"]}]})).is_err());
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn dates_are_bounded_to_the_years_people_book_in() {
    assert!(bounded_date(date(1970, 1, 1)).is_ok());
    assert!(bounded_date(date(9999, 12, 31)).is_ok());
    for far in [date(1969, 12, 31), date(10000, 1, 1), date(-4800, 1, 1)] {
        let err = bounded_date(far).unwrap_err();
        assert_eq!(err, "must be a date between 1970-01-01 and 9999-12-31");
    }
    assert!(bounded_date(NaiveDate::MAX).is_err());
    assert!(bounded_date(NaiveDate::MIN).is_err());
}

#[test]
fn instants_are_bounded_by_their_utc_date() {
    let at = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
    assert!(bounded_instant(at(1970, 1, 1, 0)).is_ok());
    assert!(bounded_instant(at(9999, 12, 31, 23)).is_ok());
    assert!(bounded_instant(at(1969, 12, 31, 23)).is_err());
    assert!(bounded_instant(at(262142, 12, 31, 12)).is_err());
    assert!(bounded_instant(DateTime::<Utc>::MIN_UTC).is_err());
}

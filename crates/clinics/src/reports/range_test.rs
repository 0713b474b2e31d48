use chrono::NaiveDate;

use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn defaults_to_the_last_ninety_days() {
    let r = DateRange::parse(None, None, day("2027-03-31")).unwrap();
    assert_eq!((r.from, r.to), (day("2027-01-01"), day("2027-03-31")));
}

#[test]
fn two_years_is_the_most() {
    let today = day("2027-01-01");
    assert!(DateRange::parse(Some("2025-01-01"), Some("2026-12-31"), today).is_ok());
    let err = DateRange::parse(Some("2025-01-01"), Some("2027-01-02"), today).unwrap_err();
    assert!(matches!(err, ReportError::Invalid { field: "to", .. }));
}

#[test]
fn odd_dates_name_their_field() {
    let today = day("2027-01-01");
    for (from, to, field) in [
        (Some("2027-13-01"), None, "from"),
        (None, Some("yesterday"), "to"),
        (Some("2027-02-01"), Some("2027-01-01"), "from"),
        (Some("2027-01-01\0"), None, "from"),
    ] {
        match DateRange::parse(from, to, today) {
            Err(ReportError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{from:?} {to:?}: {other:?}"),
        }
    }
}

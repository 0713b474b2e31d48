//! Unit tests of staff_views.rs: reading the calendar's bounds.

use super::*;

fn refused(raw: &str) -> String {
    match bound(raw, chrono_tz::Tz::UTC, false, "from").unwrap_err() {
        BookingError::InvalidQuery { field, message } => format!("{field}: {message}"),
        other => panic!("not a query error: {other:?}"),
    }
}

#[test]
fn bounds_outside_the_calendar_are_a_bad_query() {
    assert_eq!(
        refused("-4800-01-01"),
        "from: must be a date between 1970-01-01 and 9999-12-31"
    );
    assert!(refused("+262142-01-01").contains("between"));
    assert!(refused("0001-01-01T00:00:00Z").contains("between"));
    assert!(refused("yesterday").contains("neither a date"));
}

#[test]
fn the_last_day_of_the_calendar_ends_the_next_midnight() {
    let end = bound("9999-12-31", chrono_tz::Tz::UTC, true, "to").unwrap();
    assert_eq!(end.to_rfc3339(), "+10000-01-01T00:00:00+00:00");
}

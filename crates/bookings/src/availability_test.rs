//! Unit tests of availability.rs: the query's checks.

use super::*;

fn query(from: NaiveDate, to: NaiveDate) -> AvailabilityQuery {
    AvailabilityQuery {
        from,
        to,
        staff_id: None,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn refused_field(q: AvailabilityQuery) -> &'static str {
    match SlotQuery::parse(Uuid::nil(), q).unwrap_err() {
        BookingError::InvalidQuery { field, .. } => field,
        other => panic!("not a query error: {other:?}"),
    }
}

#[test]
fn dates_outside_the_calendar_are_a_bad_query() {
    assert_eq!(
        refused_field(query(date(262_142, 12, 30), date(262_142, 12, 31))),
        "from"
    );
    assert_eq!(
        refused_field(query(date(-4800, 1, 1), date(-4800, 1, 2))),
        "from"
    );
    assert_eq!(
        refused_field(query(date(9999, 12, 31), NaiveDate::MAX)),
        "to"
    );
}

#[test]
fn a_range_in_the_calendar_is_read_as_given() {
    let q = SlotQuery::parse(Uuid::nil(), query(date(9999, 12, 1), date(9999, 12, 31))).unwrap();
    assert_eq!((q.from, q.to), (date(9999, 12, 1), date(9999, 12, 31)));
    assert!(matches!(
        SlotQuery::parse(Uuid::nil(), query(date(2030, 1, 2), date(2030, 1, 1))),
        Err(BookingError::InvalidRange(_))
    ));
}

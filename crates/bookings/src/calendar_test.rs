//! Unit tests of calendar.rs: the dates a query spans.

use chrono::TimeZone;

use super::*;

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

#[test]
fn a_start_gives_its_day_and_one_either_side() {
    let q = Query::around(Uuid::nil(), None, at(2030, 1, 1, 10), None).unwrap();
    assert_eq!(q.from, NaiveDate::from_ymd_opt(2029, 12, 31).unwrap());
    assert_eq!(q.to, NaiveDate::from_ymd_opt(2030, 1, 2).unwrap());
}

#[test]
fn a_start_outside_the_calendar_is_a_field_error() {
    for start in [
        at(262_142, 12, 31, 12),
        at(-4800, 1, 1, 12),
        DateTime::<Utc>::MAX_UTC,
        DateTime::<Utc>::MIN_UTC,
    ] {
        match Query::around(Uuid::nil(), None, start, None) {
            Err(BookingError::Invalid { field, .. }) => assert_eq!(field, "start"),
            other => panic!("{start}: {:?}", other.map(|q| q.from)),
        }
    }
}

#[test]
fn instants_at_chronos_limits_are_an_error_not_a_panic() {
    let query = |from, to| Query {
        service_id: Uuid::nil(),
        staff_id: None,
        from,
        to,
        ignore_booking: None,
    };
    let tz = chrono_tz::Tz::Pacific__Kiritimati;
    let edge = query(NaiveDate::MIN, NaiveDate::MAX);
    assert!(matches!(
        instants(tz, &edge),
        Err(BookingError::InvalidRange(_))
    ));
    let day = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let (lower, upper) = instants(chrono_tz::Tz::UTC, &query(day, day)).unwrap();
    assert_eq!((lower, upper), (at(2029, 12, 31, 0), at(2030, 1, 3, 0)));
}

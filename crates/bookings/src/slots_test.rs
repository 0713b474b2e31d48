//! Unit tests of slots.rs.

use super::*;

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn every_day(ranges: &[(NaiveTime, NaiveTime)]) -> StaffCalendar {
    let day: Vec<LocalRange> = ranges
        .iter()
        .map(|&(start, end)| LocalRange { start, end })
        .collect();
    StaffCalendar {
        staff_id: Uuid::from_u128(1),
        weekly: std::array::from_fn(|_| day.clone()),
        ..Default::default()
    }
}

fn rules() -> SlotRules {
    SlotRules {
        interval: Duration::minutes(30),
        min_notice: Duration::zero(),
        window: Duration::days(3650),
    }
}

fn shape(minutes: i64) -> ServiceShape {
    ServiceShape {
        duration: Duration::minutes(minutes),
        buffer_before: Duration::zero(),
        buffer_after: Duration::zero(),
    }
}

const LONG_AGO: &str = "2020-01-01T00:00:00Z";

fn starts(slots: &[Slot]) -> Vec<String> {
    slots.iter().map(|s| s.start.to_rfc3339()).collect()
}

#[test]
fn morning_with_a_break() {
    let cal = every_day(&[(t(9, 0), t(10, 0)), (t(11, 0), t(12, 0))]);
    let slots = available_slots(
        chrono_tz::Europe::Paris,
        d(2027, 6, 1),
        d(2027, 6, 1),
        utc(LONG_AGO),
        &rules(),
        &shape(30),
        &[cal],
    );
    // Paris is UTC+2 in June.
    assert_eq!(
        starts(&slots),
        [
            "2027-06-01T07:00:00+00:00",
            "2027-06-01T07:30:00+00:00",
            "2027-06-01T09:00:00+00:00",
            "2027-06-01T09:30:00+00:00"
        ]
    );
}

#[test]
fn paris_spring_forward_night_range_is_one_hour_shorter() {
    // 2027-03-28: 02:00 local jumps to 03:00. A 00:00-06:00 range lasts 5 hours.
    let cal = every_day(&[(t(0, 0), t(6, 0))]);
    let slots = available_slots(
        chrono_tz::Europe::Paris,
        d(2027, 3, 28),
        d(2027, 3, 28),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        &[cal],
    );
    assert_eq!(slots.first().unwrap().start, utc("2027-03-27T23:00:00Z"));
    assert_eq!(slots.last().unwrap().end, utc("2027-03-28T04:00:00Z"));
    assert_eq!(slots.len(), 9, "5 h of hour-long slots every 30 min");
    for s in &slots {
        assert_eq!(s.end - s.start, Duration::minutes(60));
    }
}

#[test]
fn paris_daytime_hours_shift_by_an_hour_across_the_switch() {
    let cal = every_day(&[(t(9, 0), t(10, 0))]);
    let paris = chrono_tz::Europe::Paris;
    let before = available_slots(
        paris,
        d(2027, 3, 27),
        d(2027, 3, 27),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        std::slice::from_ref(&cal),
    );
    let after = available_slots(
        paris,
        d(2027, 3, 28),
        d(2027, 3, 28),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        std::slice::from_ref(&cal),
    );
    let autumn = available_slots(
        paris,
        d(2027, 10, 31),
        d(2027, 10, 31),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        &[cal],
    );
    assert_eq!(starts(&before), ["2027-03-27T08:00:00+00:00"]);
    assert_eq!(starts(&after), ["2027-03-28T07:00:00+00:00"]);
    assert_eq!(starts(&autumn), ["2027-10-31T08:00:00+00:00"]);
}

#[test]
fn new_york_fall_back_night_range_is_one_hour_longer() {
    // 2027-11-07: 02:00 local falls back to 01:00. 00:00-04:00 lasts 5 hours.
    let cal = every_day(&[(t(0, 0), t(4, 0))]);
    let slots = available_slots(
        chrono_tz::America::New_York,
        d(2027, 11, 7),
        d(2027, 11, 7),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        &[cal],
    );
    assert_eq!(slots.first().unwrap().start, utc("2027-11-07T04:00:00Z"));
    assert_eq!(slots.last().unwrap().end, utc("2027-11-07T09:00:00Z"));
    assert_eq!(slots.len(), 9);
}

#[test]
fn new_york_spring_forward_skipped_time_moves_forward() {
    // 2027-03-14: 02:00-03:00 does not exist. A range starting 02:30 starts at 03:00 EDT.
    let cal = every_day(&[(t(2, 30), t(4, 0))]);
    let slots = available_slots(
        chrono_tz::America::New_York,
        d(2027, 3, 14),
        d(2027, 3, 14),
        utc(LONG_AGO),
        &rules(),
        &shape(30),
        &[cal],
    );
    assert_eq!(
        starts(&slots),
        ["2027-03-14T07:00:00+00:00", "2027-03-14T07:30:00+00:00"]
    );
}

#[test]
fn casablanca_ramadan_shift() {
    // Morocco keeps UTC+1 but moves to UTC+0 around Ramadan; 09:00 local
    // is 08:00Z in January and 09:00Z in the Ramadan weeks of 2027.
    let cal = every_day(&[(t(9, 0), t(10, 0))]);
    let casa = chrono_tz::Africa::Casablanca;
    let jan = available_slots(
        casa,
        d(2027, 1, 15),
        d(2027, 1, 15),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        std::slice::from_ref(&cal),
    );
    let ramadan = available_slots(
        casa,
        d(2027, 2, 20),
        d(2027, 2, 20),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        &[cal],
    );
    assert_eq!(starts(&jan), ["2027-01-15T08:00:00+00:00"]);
    assert_eq!(starts(&ramadan), ["2027-02-20T09:00:00+00:00"]);
}

#[test]
fn bookings_with_buffers_and_time_off_remove_slots() {
    let mut cal = every_day(&[(t(9, 0), t(12, 0))]);
    // An existing booking holding 10:00-11:00Z (buffers included).
    cal.busy.push(Interval {
        start: utc("2027-06-01T10:00:00Z"),
        end: utc("2027-06-01T11:00:00Z"),
    });
    cal.time_off.push(Interval {
        start: utc("2027-06-01T11:30:00Z"),
        end: utc("2027-06-01T12:00:00Z"),
    });
    let service = ServiceShape {
        duration: Duration::minutes(30),
        buffer_before: Duration::minutes(15),
        buffer_after: Duration::minutes(15),
    };
    let slots = available_slots(
        chrono_tz::UTC,
        d(2027, 6, 1),
        d(2027, 6, 1),
        utc(LONG_AGO),
        &rules(),
        &service,
        &[cal],
    );
    // 09:30 would hold 09:15-10:15 and 11:00 would hold 10:45-11:45, both
    // touching the booking; 11:30 runs into the time off.
    assert_eq!(starts(&slots), ["2027-06-01T09:00:00+00:00"]);
}

#[test]
fn overrides_and_closed_days() {
    let mut cal = every_day(&[(t(9, 0), t(10, 0))]);
    cal.overrides.insert(d(2027, 6, 1), vec![]);
    cal.overrides.insert(
        d(2027, 6, 2),
        vec![LocalRange {
            start: t(14, 0),
            end: t(15, 0),
        }],
    );
    let slots = available_slots(
        chrono_tz::UTC,
        d(2027, 6, 1),
        d(2027, 6, 3),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        &[cal],
    );
    assert_eq!(
        starts(&slots),
        ["2027-06-02T14:00:00+00:00", "2027-06-03T09:00:00+00:00"]
    );
}

#[test]
fn notice_and_window_limit_slots() {
    let cal = every_day(&[(t(9, 0), t(12, 0))]);
    let rules = SlotRules {
        interval: Duration::minutes(60),
        min_notice: Duration::minutes(90),
        window: Duration::days(1),
    };
    let now = utc("2027-06-01T08:45:00Z");
    let slots = available_slots(
        chrono_tz::UTC,
        d(2027, 6, 1),
        d(2027, 6, 3),
        now,
        &rules,
        &shape(60),
        &[cal],
    );
    // 10:00 is inside the notice; the next day's 09:00 is past the window.
    assert_eq!(starts(&slots), ["2027-06-01T11:00:00+00:00"]);
}

/// Found by the slot_engine fuzz target: overlapping ranges on one date
/// (an override may have them) offered the slots they share twice.
#[test]
fn overlapping_ranges_offer_each_slot_once() {
    let mut cal = every_day(&[]);
    cal.overrides.insert(
        d(2027, 6, 1),
        vec![
            LocalRange {
                start: t(9, 0),
                end: t(11, 0),
            },
            LocalRange {
                start: t(10, 0),
                end: t(12, 0),
            },
        ],
    );
    let slots = available_slots(
        chrono_tz::UTC,
        d(2027, 6, 1),
        d(2027, 6, 1),
        utc(LONG_AGO),
        &rules(),
        &shape(60),
        &[cal],
    );
    assert_eq!(
        starts(&slots),
        [
            "2027-06-01T09:00:00+00:00",
            "2027-06-01T09:30:00+00:00",
            "2027-06-01T10:00:00+00:00",
            "2027-06-01T10:30:00+00:00",
            "2027-06-01T11:00:00+00:00"
        ]
    );
}

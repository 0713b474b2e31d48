//! The availability engine (bookings' private `slots` module, compiled here
//! from its source file) on hours, time off, bookings and rules built from
//! the fuzz bytes, within what the API lets reach it: slot interval 5-240
//! minutes, notice up to a year, a window of 1-730 days, services of 5-1440
//! minutes with buffers up to 8 hours, dates within kernel::input::YEARS,
//! weekly ranges that do not overlap (WeeklyRules), date overrides with any
//! ranges (DayOverride), time off with `to` after `from`.
//!
//! The invariants every answer must keep (slots_test.rs shows each on a
//! fixed case): a slot lasts the service's duration, lies inside one of its
//! staff member's working ranges on a requested date and starts a whole
//! number of intervals after that range's start, honours the notice and the
//! window, holds no time (buffers included) that a booking or time off
//! holds, and the list is sorted by (start, staff) with no slot twice.

#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};
use libfuzzer_sys::fuzz_target;
use uuid::Uuid;

// Private to bookings (lib.rs: `mod slots;`), pure and dependency-light, so
// its source is compiled in directly rather than widening bookings' API.
#[allow(dead_code)]
#[path = "../../crates/bookings/src/slots.rs"]
mod slots;

use slots::{
    available_slots, local_instant, Interval, LocalRange, ServiceShape, Slot, SlotRules,
    StaffCalendar,
};

const DAY_SECONDS: u32 = 86_400;
/// Kept small so that one run stays fast; nothing in the engine depends on
/// how many days or staff there are beyond repeating the same steps.
const MAX_SPAN_DAYS: u8 = 16;
const MAX_STAFF: usize = 3;
const MAX_RANGES: usize = 6;
const MAX_HELD: usize = 16;

#[derive(Debug, Arbitrary)]
struct RawInput {
    zone: u16,
    /// Dates from 2000 to 2060, where zones change their rules most, or
    /// anywhere in kernel::input::YEARS.
    recent: bool,
    from_day: u32,
    span_days: u8,
    /// `now`: from 90 days before the first date's midnight UTC to 30 after.
    now_offset: u32,
    interval: u8,
    min_notice: u32,
    window_days: u16,
    duration: u16,
    buffer_before: u16,
    buffer_after: u16,
    staff: Vec<RawStaff>,
}

/// Bookings and time off come first: arbitrary fills fields in order, and a
/// field near the end of short input is often left empty.
#[derive(Debug, Arbitrary)]
struct RawStaff {
    /// (seconds from the first date's midnight UTC, length in seconds).
    busy: Vec<(i32, u32)>,
    time_off: Vec<(i32, u32)>,
    /// Per weekday: cut points (times of the day) and which consecutive
    /// pairs of them are working ranges, so ranges never overlap, as
    /// WeeklyRules requires (touching is allowed).
    weekly: [(Vec<u32>, u16); 7],
    /// (day after `from`, ranges); no ranges means closed. DayOverride
    /// accepts any ranges that end after they start, overlapping or not.
    overrides: Vec<(u8, Vec<(u32, u32)>)>,
}

struct Case {
    tz: Tz,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    rules: SlotRules,
    service: ServiceShape,
    staff: Vec<StaffCalendar>,
}

/// A time of day. Mostly on the quarter hour, as people set their hours, so
/// that ranges meet and line up with the slot grid; with the top bit set, to
/// the second (the API takes HH:MM:SS too).
fn seconds_of_day(raw: u32) -> u32 {
    if raw & (1 << 31) != 0 {
        raw % DAY_SECONDS
    } else {
        // 97 quarter hours: 24:00, stored as 23:59:59, is a valid end.
        (raw % 97 * 900).min(DAY_SECONDS - 1)
    }
}

fn time(raw: u32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(seconds_of_day(raw), 0).unwrap_or(NaiveTime::MIN)
}

fn seconds_time(seconds: u32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap_or(NaiveTime::MIN)
}

fn weekly_day((points, pick): &(Vec<u32>, u16)) -> Vec<LocalRange> {
    let mut cuts: Vec<u32> = points
        .iter()
        .take(MAX_RANGES * 2)
        .map(|&p| seconds_of_day(p))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .enumerate()
        .filter(|(i, _)| pick & (1 << (i % 16)) != 0)
        .map(|(_, w)| LocalRange {
            start: seconds_time(w[0]),
            end: seconds_time(w[1]),
        })
        .filter(|r| r.end > r.start)
        .collect()
}

fn held(base: DateTime<Utc>, raw: &[(i32, u32)], span: i64) -> Vec<Interval> {
    let reach = (span + 3) * i64::from(DAY_SECONDS);
    raw.iter()
        .take(MAX_HELD)
        .map(|&(start, len)| {
            // From a day before the first date to two after the last; on
            // the minute unless the length's top bit is set (bookings start
            // on slots, time off is given to the second).
            let unit = if len & (1 << 31) != 0 { 1 } else { 60 };
            let offset = i64::from(start).rem_euclid(reach) / unit * unit - i64::from(DAY_SECONDS);
            let start = base + Duration::seconds(offset);
            let len = (1 + i64::from(len) % (3 * i64::from(DAY_SECONDS)) / unit) * unit;
            Interval {
                start,
                end: start + Duration::seconds(len),
            }
        })
        .collect()
}

fn build(raw: RawInput) -> Option<Case> {
    let tz = TZ_VARIANTS[usize::from(raw.zone) % TZ_VARIANTS.len()];
    let span = i64::from(raw.span_days % MAX_SPAN_DAYS);
    let (first, days) = if raw.recent {
        (NaiveDate::from_ymd_opt(2000, 1, 1)?, 60 * 366)
    } else {
        let first = NaiveDate::from_ymd_opt(*kernel::input::YEARS.start(), 1, 1)?;
        let last = NaiveDate::from_ymd_opt(*kernel::input::YEARS.end(), 12, 31)?;
        (first, (last - first).num_days() - span)
    };
    let from = first + Duration::days(i64::from(raw.from_day) % days);
    let to = from + Duration::days(span);
    let base = from.and_time(NaiveTime::MIN).and_utc();
    let now = base
        + Duration::seconds(
            i64::from(raw.now_offset % (120 * DAY_SECONDS)) - 90 * i64::from(DAY_SECONDS),
        );

    let rules = SlotRules {
        interval: Duration::minutes(5 + i64::from(raw.interval) % 236),
        min_notice: Duration::minutes(i64::from(raw.min_notice % 525_601)),
        window: Duration::days(1 + i64::from(raw.window_days % 730)),
    };
    let service = ServiceShape {
        duration: Duration::minutes(5 + i64::from(raw.duration % 1436)),
        buffer_before: Duration::minutes(i64::from(raw.buffer_before % 481)),
        buffer_after: Duration::minutes(i64::from(raw.buffer_after % 481)),
    };

    let staff = raw
        .staff
        .iter()
        .take(MAX_STAFF)
        .enumerate()
        .map(|(i, s)| StaffCalendar {
            staff_id: Uuid::from_u128(i as u128 + 1),
            weekly: std::array::from_fn(|d| weekly_day(&s.weekly[d])),
            overrides: s
                .overrides
                .iter()
                .take(MAX_SPAN_DAYS.into())
                .map(|(day, ranges)| {
                    let date = from + Duration::days(i64::from(*day) % (span + 1));
                    let ranges = ranges
                        .iter()
                        .take(MAX_RANGES)
                        .map(|&(start, end)| LocalRange {
                            start: time(start),
                            end: time(end),
                        })
                        .filter(|r| r.end > r.start)
                        .collect();
                    (date, ranges)
                })
                .collect(),
            time_off: held(base, &s.time_off, span),
            busy: held(base, &s.busy, span),
        })
        .collect();

    Some(Case {
        tz,
        from,
        to,
        now,
        rules,
        service,
        staff,
    })
}

/// A date's working ranges as instants, worked out here from the engine's
/// public pieces: overrides win over the weekly hours.
fn working(case: &Case, cal: &StaffCalendar, date: NaiveDate) -> Vec<Interval> {
    let ranges = cal
        .overrides
        .get(&date)
        .unwrap_or(&cal.weekly[date.weekday().num_days_from_monday() as usize]);
    ranges
        .iter()
        .map(|r| Interval {
            start: local_instant(case.tz, date, r.start),
            end: local_instant(case.tz, date, r.end),
        })
        .filter(|w| w.end > w.start)
        .collect()
}

fn check(case: &Case, slots: &[Slot]) {
    let earliest = case.now + case.rules.min_notice;
    let latest = case.now + case.rules.window;
    let step = case.rules.interval.num_milliseconds();

    for slot in slots {
        let what = format!(
            "slot {} - {} of staff {} ({}, {}..={}, now {})",
            slot.start, slot.end, slot.staff_id, case.tz, case.from, case.to, case.now
        );
        assert_eq!(slot.end - slot.start, case.service.duration, "{what}");
        assert!(slot.start >= earliest, "{what}: inside the notice");
        assert!(slot.start <= latest, "{what}: past the window");

        let cal = case
            .staff
            .iter()
            .find(|c| c.staff_id == slot.staff_id)
            .unwrap_or_else(|| panic!("{what}: unknown staff"));

        let mut date = case.from;
        let mut inside = false;
        while date <= case.to && !inside {
            inside = working(case, cal, date).iter().any(|w| {
                w.start <= slot.start
                    && slot.end <= w.end
                    && (slot.start - w.start).num_milliseconds() % step == 0
            });
            date += Duration::days(1);
        }
        assert!(
            inside,
            "{what}: not inside a working range on the interval grid"
        );

        let blocked = case.service.blocked(slot.start);
        let appointment = Interval {
            start: slot.start,
            end: slot.end,
        };
        for b in &cal.busy {
            assert!(
                !b.overlaps(&blocked),
                "{what}: holds {blocked:?}, which overlaps the booking {b:?}"
            );
        }
        for off in &cal.time_off {
            assert!(
                !off.overlaps(&blocked) && !off.overlaps(&appointment),
                "{what}: overlaps the time off {off:?}"
            );
        }
    }

    for pair in slots.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            (a.start, a.staff_id) < (b.start, b.staff_id),
            "not sorted, or twice: {a:?} then {b:?} ({}, {}..={})",
            case.tz,
            case.from,
            case.to
        );
    }
}

fuzz_target!(|raw: RawInput| {
    let Some(case) = build(raw) else {
        return;
    };
    let slots = available_slots(
        case.tz,
        case.from,
        case.to,
        case.now,
        &case.rules,
        &case.service,
        &case.staff,
    );
    check(&case, &slots);
});

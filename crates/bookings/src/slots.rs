//! The availability engine: which start times a service can be booked at.
//! Pure (no I/O, `now` is an argument) so every rule, and every daylight-
//! saving edge, is tested directly.
//!
//! Working hours are local wall-clock times in the tenant's zone. Each range
//! is turned into two exact instants, and slots step through that range in
//! elapsed time, so a range that spans a clock change is as long as it
//! really is, and every slot lasts exactly the service's duration.

use std::collections::HashMap;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalRange {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Interval {
    /// Half-open overlap, the same as PostgreSQL's `&&` on `[)` ranges.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What a date's hours are for one staff member.
#[derive(Debug, Clone, Default)]
pub struct StaffCalendar {
    pub staff_id: Uuid,
    /// Weekly hours: index 0 = Monday.
    pub weekly: [Vec<LocalRange>; 7],
    /// Dates with other hours; an empty list means closed that day.
    pub overrides: HashMap<NaiveDate, Vec<LocalRange>>,
    pub time_off: Vec<Interval>,
    /// Time held by existing bookings, buffers included.
    pub busy: Vec<Interval>,
}

#[derive(Debug, Clone, Copy)]
pub struct SlotRules {
    pub interval: Duration,
    pub min_notice: Duration,
    pub window: Duration,
}

#[derive(Debug, Clone, Copy)]
pub struct ServiceShape {
    pub duration: Duration,
    pub buffer_before: Duration,
    pub buffer_after: Duration,
}

impl ServiceShape {
    /// The time a booking starting at `start` holds, buffers included.
    pub fn blocked(&self, start: DateTime<Utc>) -> Interval {
        Interval {
            start: start - self.buffer_before,
            end: start + self.duration + self.buffer_after,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub staff_id: Uuid,
}

/// A local wall-clock time as an instant. A time skipped by a clock change
/// (spring forward) moves forward by the gap; a repeated one (fall back)
/// takes its first occurrence.
pub fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = NaiveDateTime::new(date, time);
    let mut probe = naive;
    // Gaps are at most a few hours; step past them a quarter hour at a time.
    for _ in 0..16 {
        match tz.from_local_datetime(&probe) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => probe += Duration::minutes(15),
        }
    }
    // Unreachable for real zones; treat the time as UTC rather than fail.
    Utc.from_utc_datetime(&naive)
}

/// The day's working ranges for a staff member, as exact instants.
fn working_intervals(tz: Tz, cal: &StaffCalendar, date: NaiveDate) -> Vec<Interval> {
    let ranges = match cal.overrides.get(&date) {
        Some(ranges) => ranges.as_slice(),
        None => cal.weekly[date.weekday().num_days_from_monday() as usize].as_slice(),
    };
    ranges
        .iter()
        .map(|r| Interval {
            start: local_instant(tz, date, r.start),
            end: local_instant(tz, date, r.end),
        })
        .filter(|i| i.end > i.start)
        .collect()
}

/// All bookable slots from `from` to `to` (local dates, inclusive), sorted by
/// start, then staff. Callers pass dates within kernel::input::YEARS: the
/// instant arithmetic here is unchecked, and safe only that far from chrono's
/// limits.
pub fn available_slots(
    tz: Tz,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    rules: &SlotRules,
    service: &ServiceShape,
    staff: &[StaffCalendar],
) -> Vec<Slot> {
    let earliest = now + rules.min_notice;
    let latest = now + rules.window;
    let mut slots = Vec::new();
    for cal in staff {
        let mut date = from;
        while date <= to {
            for window in working_intervals(tz, cal, date) {
                let mut start = window.start;
                while start + service.duration <= window.end {
                    let fits = start >= earliest
                        && start <= latest
                        && is_free(
                            cal,
                            &service.blocked(start),
                            &Interval {
                                start,
                                end: start + service.duration,
                            },
                        );
                    if fits {
                        slots.push(Slot {
                            start,
                            end: start + service.duration,
                            staff_id: cal.staff_id,
                        });
                    }
                    start += rules.interval;
                }
            }
            let Some(next) = date.succ_opt() else { break };
            date = next;
        }
    }
    slots.sort_by_key(|s| (s.start, s.staff_id));
    // Ranges of one day may overlap (a date override's ranges are not
    // checked against each other, and a clock change can fold two ranges
    // onto the same instants): a slot they share is offered once.
    slots.dedup();
    slots
}

/// Free when the held time (buffers included) touches no other booking and
/// no time off.
fn is_free(cal: &StaffCalendar, blocked: &Interval, appointment: &Interval) -> bool {
    !cal.busy.iter().any(|b| b.overlaps(blocked))
        && !cal
            .time_off
            .iter()
            .any(|off| off.overlaps(blocked) || off.overlaps(appointment))
}

#[cfg(test)]
#[path = "slots_test.rs"]
mod tests;

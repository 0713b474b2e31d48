//! Instants as the shop's pages show and take them: in the site's own time
//! zone, as everywhere in the back office. Displayed dates go through the
//! language's formatter (Persian gets its calendar and digits); form
//! values stay ISO Gregorian (`2027-06-01`, `2027-06-01T09:30`), as the
//! browser's date inputs write them.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use diesel::PgConnection;
use kernel::error::AppError;

use crate::pages::layer::Page;

/// The site's time zone (its booking settings hold it).
pub fn zone(conn: &mut PgConnection) -> Result<Tz, AppError> {
    Ok(bookings::settings::get(conn)?.tz())
}

/// "Tuesday, June 1, 2027, 9:30 AM" in the page's language.
pub fn at(p: &Page, tz: Tz, instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&tz);
    p.t2(
        "admin-shop-at",
        ("date", &p.fmt.full_date(local.date_naive())),
        ("time", &p.fmt.time(local.time())),
    )
}

/// A day typed into a date input; None for anything else.
pub fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// The first instant of `day` in `tz` (a day that starts in a clock's
/// gap starts at its first existing minute).
pub fn start_of(day: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    (0..=180)
        .filter_map(|minutes| {
            let local = midnight.checked_add_signed(chrono::Duration::minutes(minutes))?;
            tz.from_local_datetime(&local).earliest()
        })
        .next()
        .map(|t| t.with_timezone(&Utc))
}

/// The first instant after `day` in `tz`: the end of a range that
/// includes the whole day.
pub fn end_of(day: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    start_of(day.checked_add_days(Days::new(1))?, tz)
}

/// A `datetime-local` input's value (`2027-06-01T09:30`) as an instant
/// in `tz`; None for anything else, or a local time the clock skips.
pub fn local(raw: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// An instant as a `datetime-local` input shows it in `tz`.
pub fn local_input(instant: DateTime<Utc>, tz: Tz) -> String {
    instant
        .with_timezone(&tz)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

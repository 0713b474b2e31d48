//! The days a report covers: `from` and `to` as the site's calendar
//! dates, both included, at most two years apart so one request cannot
//! make the database walk the clinic's whole history.

use chrono::{Duration, NaiveDate};

use super::error::ReportError;

/// The longest range a report covers, in days (two years and a leap day).
pub const MAX_DAYS: i64 = 731;
/// The range when none is given: the last 90 days up to today.
const DEFAULT_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn date(field: &'static str, raw: Option<&str>) -> Result<Option<NaiveDate>, ReportError> {
    raw.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| ReportError::invalid(field, "give a date as YYYY-MM-DD"))
    })
    .transpose()
}

impl DateRange {
    /// `to` defaults to `today`, `from` to 90 days before `to`.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, ReportError> {
        let to = date("to", to)?.unwrap_or(today);
        let from = date("from", from)?.unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
        if from > to {
            return Err(ReportError::invalid(
                "from",
                "give a date on or before `to`",
            ));
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(ReportError::invalid(
                "to",
                format!("a report covers at most {MAX_DAYS} days; narrow the range"),
            ));
        }
        Ok(DateRange { from, to })
    }
}

/// The site's time zone (its booking settings') and today's date there.
pub(super) fn site_today(
    conn: &mut diesel::PgConnection,
) -> Result<(String, NaiveDate), ReportError> {
    let tz = bookings::settings::get(conn)?.tz();
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    Ok((tz.name().to_string(), today))
}

#[cfg(test)]
#[path = "range_test.rs"]
mod tests;

//! A staff member's hours as the API shows them, and the checked weekly
//! rules, date overrides and time off a request must become first.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::BookingError;

/// A local time range on a weekday: HH:MM (or HH:MM:SS), the end may be
/// 24:00.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleBody {
    /// 0 = Monday ... 6 = Sunday.
    #[schema(minimum = 0, maximum = 6)]
    pub weekday: i16,
    #[schema(
        pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        example = "09:00"
    )]
    pub start: String,
    #[schema(
        pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?|24:00)$",
        example = "17:30"
    )]
    pub end: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesBody {
    pub rules: Vec<RuleBody>,
}

/// Either `"closed": true` or the day's ranges.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    #[serde(default)]
    pub closed: bool,
    #[serde(default)]
    pub ranges: Vec<RangeBody>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeBody {
    #[schema(
        pattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        example = "09:00"
    )]
    pub start: String,
    #[schema(
        pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?|24:00)$",
        example = "12:00"
    )]
    pub end: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeOffBody {
    /// In the years 1970 to 9999.
    #[schema(pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-")]
    pub from: DateTime<Utc>,
    /// After `from`.
    #[schema(pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-")]
    pub to: DateTime<Utc>,
    #[serde(default)]
    #[schema(max_length = 500, pattern = r"^[^\u0000]*$")]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct TimeOff {
    pub id: Uuid,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OverrideView {
    pub date: NaiveDate,
    pub closed: bool,
    pub ranges: Vec<RangeBody>,
}

/// GET /staff/{id}/availability: weekly rules, date overrides and the time
/// off still to come.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StaffHours {
    pub staff_id: Uuid,
    pub rules: Vec<RuleBody>,
    pub overrides: Vec<OverrideView>,
    pub time_off: Vec<TimeOff>,
}

/// One local time range of a day, start before end.
pub(super) type Range = (NaiveTime, NaiveTime);

/// Checked weekly rules: (weekday, start, end), no two overlapping.
#[derive(Debug)]
pub struct WeeklyRules(pub(super) Vec<(i16, NaiveTime, NaiveTime)>);

/// Other hours on one date; no ranges means closed.
#[derive(Debug)]
pub struct DayOverride(pub(super) Vec<Range>);

#[derive(Debug)]
pub struct NewTimeOff {
    pub(super) from: DateTime<Utc>,
    pub(super) to: DateTime<Utc>,
    pub(super) reason: Option<String>,
}

fn parse_time(field: &str, raw: &str) -> Result<NaiveTime, BookingError> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw.trim(), "%H:%M:%S"))
        .map_err(|_| {
            BookingError::invalid(field, format!("{raw:?} is not a time of day like 09:30"))
        })
}

/// A range's end may be "24:00" (midnight at the end of the day).
fn parse_range(field: &str, start: &str, end: &str) -> Result<Range, BookingError> {
    let s = parse_time(field, start)?;
    let e = if end.trim() == "24:00" {
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
    } else {
        parse_time(field, end)?
    };
    if e <= s {
        return Err(BookingError::invalid(
            field,
            format!("the range {start}-{end} ends before it starts"),
        ));
    }
    Ok((s, e))
}

pub(super) fn fmt_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

impl WeeklyRules {
    pub fn parse(body: &RulesBody) -> Result<Self, BookingError> {
        let mut parsed = Vec::with_capacity(body.rules.len());
        for (i, r) in body.rules.iter().enumerate() {
            if !(0..=6).contains(&r.weekday) {
                return Err(BookingError::invalid(
                    format!("rules[{i}].weekday"),
                    "must be 0 (Monday) to 6 (Sunday)",
                ));
            }
            let (s, e) = parse_range(&format!("rules[{i}]"), &r.start, &r.end)?;
            parsed.push((r.weekday, s, e));
        }
        for (i, a) in parsed.iter().enumerate() {
            if parsed[..i]
                .iter()
                .any(|b| b.0 == a.0 && a.1 < b.2 && b.1 < a.2)
            {
                return Err(BookingError::invalid(
                    format!("rules[{i}]"),
                    "overlaps another range on the same weekday",
                ));
            }
        }
        Ok(WeeklyRules(parsed))
    }
}

impl DayOverride {
    /// Either `"closed": true` or the day's ranges, not both.
    pub fn parse(body: &OverrideBody) -> Result<Self, BookingError> {
        if body.closed && !body.ranges.is_empty() {
            return Err(BookingError::invalid(
                "ranges",
                "a closed day has no ranges; send one or the other",
            ));
        }
        if !body.closed && body.ranges.is_empty() {
            return Err(BookingError::invalid(
                "ranges",
                "give the day's ranges, or \"closed\": true",
            ));
        }
        let ranges: Vec<Range> = body
            .ranges
            .iter()
            .enumerate()
            .map(|(i, r)| parse_range(&format!("ranges[{i}]"), &r.start, &r.end))
            .collect::<Result<_, _>>()?;
        // As for weekly rules: overlapping ranges would offer the shared
        // slots twice.
        for (i, a) in ranges.iter().enumerate() {
            if ranges[..i].iter().any(|b| a.0 < b.1 && b.0 < a.1) {
                return Err(BookingError::invalid(
                    format!("ranges[{i}]"),
                    "overlaps another range of the day",
                ));
            }
        }
        Ok(DayOverride(ranges))
    }
}

/// The date of an override, as a path names it: within the years every date
/// from a client must be in (kernel::input::YEARS). PostgreSQL has no date
/// before 4714 BC, and one far in the future is nobody's working day.
pub(super) fn override_date(date: NaiveDate) -> Result<NaiveDate, BookingError> {
    BookingError::field("date", kernel::input::bounded_date(date))
}

impl NewTimeOff {
    pub fn parse(body: TimeOffBody) -> Result<Self, BookingError> {
        BookingError::field("from", kernel::input::bounded_instant(body.from))?;
        BookingError::field("to", kernel::input::bounded_instant(body.to))?;
        if body.to <= body.from {
            return Err(BookingError::invalid("to", "must be after \"from\""));
        }
        let reason = BookingError::field(
            "reason",
            kernel::input::optional_long_text(body.reason.as_deref(), 500),
        )?;
        Ok(NewTimeOff {
            from: body.from,
            to: body.to,
            reason,
        })
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

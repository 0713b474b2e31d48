//! What staff do with bookings: the calendar, one booking with its history,
//! status changes and rescheduling.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::slots::local_instant;
use kernel::error::{AppError, AppResult};

/// Longest calendar range one request may ask for.
pub const MAX_CALENDAR_DAYS: i64 = 93;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarQuery {
    pub from: String,
    pub to: String,
    pub staff_id: Option<Uuid>,
    pub status: Option<String>,
}

/// A calendar bound: a local date (the start of that day in the tenant's
/// zone; for `to`, the end of it) or an exact RFC 3339 instant.
pub fn bound(
    raw: &str,
    tz: chrono_tz::Tz,
    end_of_day: bool,
    field: &str,
) -> AppResult<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Ok(at.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        AppError::bad_request(
            "invalid_query",
            format!("{field}: {raw:?} is neither a date (YYYY-MM-DD) nor an RFC 3339 time"),
        )
    })?;
    let date = if end_of_day {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    Ok(local_instant(tz, date, NaiveTime::MIN))
}

#[derive(Serialize)]
pub struct HistoryView {
    pub actor: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: Option<String>,
    pub detail: serde_json::Value,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleBody {
    pub start: DateTime<Utc>,
}

pub fn reason(raw: Option<&str>) -> AppResult<Option<String>> {
    kernel::input::optional_long_text(raw, 500).map_err(|m| AppError::invalid("reason", m))
}

//! The tenant's booking rules: time zone, slot interval, notice, window,
//! cancellation notice and reminder lead time.

use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::booking_settings;

#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = booking_settings, check_for_backend(diesel::pg::Pg))]
pub struct BookingSettings {
    pub time_zone: String,
    pub slot_interval_minutes: i32,
    pub min_notice_minutes: i32,
    pub booking_window_days: i32,
    pub cancellation_notice_minutes: i32,
    pub reminder_lead_minutes: i32,
    pub updated_at: DateTime<Utc>,
}

impl BookingSettings {
    /// The zone was validated on the way in; an unreadable one falls back to UTC.
    pub fn tz(&self) -> Tz {
        Tz::from_str(&self.time_zone).unwrap_or(Tz::UTC)
    }

    pub fn cancellation_notice(&self) -> Duration {
        Duration::minutes(i64::from(self.cancellation_notice_minutes))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    pub time_zone: Option<String>,
    pub slot_interval_minutes: Option<i32>,
    pub min_notice_minutes: Option<i32>,
    pub booking_window_days: Option<i32>,
    pub cancellation_notice_minutes: Option<i32>,
    pub reminder_lead_minutes: Option<i32>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = booking_settings)]
pub struct SettingsChanges {
    pub time_zone: Option<String>,
    pub slot_interval_minutes: Option<i32>,
    pub min_notice_minutes: Option<i32>,
    pub booking_window_days: Option<i32>,
    pub cancellation_notice_minutes: Option<i32>,
    pub reminder_lead_minutes: Option<i32>,
}

pub fn in_range(field: &str, value: Option<i32>, min: i32, max: i32) -> AppResult<Option<i32>> {
    match value {
        Some(v) if !(min..=max).contains(&v) => Err(AppError::invalid(
            field,
            format!("must be between {min} and {max} (got {v})"),
        )),
        other => Ok(other),
    }
}

pub fn validate(patch: SettingsPatch) -> AppResult<SettingsChanges> {
    let time_zone = match patch.time_zone {
        Some(tz) => {
            let tz = tz.trim().to_string();
            Tz::from_str(&tz).map_err(|_| {
                AppError::invalid(
                    "time_zone",
                    format!("{tz:?} is not an IANA time zone; use a name such as Europe/Paris"),
                )
            })?;
            Some(tz)
        }
        None => None,
    };
    Ok(SettingsChanges {
        time_zone,
        slot_interval_minutes: in_range(
            "slot_interval_minutes",
            patch.slot_interval_minutes,
            5,
            240,
        )?,
        min_notice_minutes: in_range("min_notice_minutes", patch.min_notice_minutes, 0, 525_600)?,
        booking_window_days: in_range("booking_window_days", patch.booking_window_days, 1, 730)?,
        cancellation_notice_minutes: in_range(
            "cancellation_notice_minutes",
            patch.cancellation_notice_minutes,
            0,
            525_600,
        )?,
        reminder_lead_minutes: in_range(
            "reminder_lead_minutes",
            patch.reminder_lead_minutes,
            0,
            43_200,
        )?,
    })
}

pub fn load(conn: &mut PgConnection) -> QueryResult<BookingSettings> {
    booking_settings::table
        .select(BookingSettings::as_select())
        .first(conn)
}

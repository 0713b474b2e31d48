//! The tenant's booking rules, and a checked change to them.

use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::BookingError;
use kernel::schema::tenant::booking_settings;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = booking_settings, check_for_backend(diesel::pg::Pg))]
pub struct BookingSettings {
    pub time_zone: String,
    pub slot_interval_minutes: i32,
    pub min_notice_minutes: i32,
    pub booking_window_days: i32,
    pub cancellation_notice_minutes: i32,
    pub reminder_lead_minutes: i32,
    /// A guest's booking holds its slot only once confirmed from the mail
    /// it gets; a signed-in customer's or staff's booking holds it at once.
    pub require_email_confirmation: bool,
    /// How long the confirmation link works.
    pub email_confirmation_minutes: i32,
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

    pub fn email_confirmation_window(&self) -> Duration {
        Duration::minutes(i64::from(self.email_confirmation_minutes))
    }
}

/// PUT or PATCH /booking-settings: every field is optional.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    /// An IANA time zone name.
    #[schema(example = "Europe/Paris")]
    pub time_zone: Option<String>,
    #[schema(minimum = 5, maximum = 240)]
    pub slot_interval_minutes: Option<i32>,
    #[schema(minimum = 0, maximum = 525600)]
    pub min_notice_minutes: Option<i32>,
    #[schema(minimum = 1, maximum = 730)]
    pub booking_window_days: Option<i32>,
    #[schema(minimum = 0, maximum = 525600)]
    pub cancellation_notice_minutes: Option<i32>,
    #[schema(minimum = 0, maximum = 43200)]
    pub reminder_lead_minutes: Option<i32>,
    pub require_email_confirmation: Option<bool>,
    #[schema(minimum = 5, maximum = 1440)]
    pub email_confirmation_minutes: Option<i32>,
}

/// A checked change: `None` keeps a setting as it is.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = booking_settings)]
pub struct SettingsChanges {
    time_zone: Option<String>,
    slot_interval_minutes: Option<i32>,
    min_notice_minutes: Option<i32>,
    booking_window_days: Option<i32>,
    cancellation_notice_minutes: Option<i32>,
    reminder_lead_minutes: Option<i32>,
    require_email_confirmation: Option<bool>,
    email_confirmation_minutes: Option<i32>,
}

fn in_range(
    field: &str,
    value: Option<i32>,
    min: i32,
    max: i32,
) -> Result<Option<i32>, BookingError> {
    match value {
        Some(v) if !(min..=max).contains(&v) => Err(BookingError::invalid(
            field,
            format!("must be between {min} and {max} (got {v})"),
        )),
        other => Ok(other),
    }
}

fn time_zone(raw: String) -> Result<String, BookingError> {
    let tz = raw.trim().to_string();
    match Tz::from_str(&tz) {
        Ok(_) => Ok(tz),
        Err(_) => Err(BookingError::invalid(
            "time_zone",
            format!("{tz:?} is not an IANA time zone; use a name such as Europe/Paris"),
        )),
    }
}

impl SettingsChanges {
    /// The first field that breaks a rule is reported, in field order.
    pub fn parse(patch: SettingsPatch) -> Result<Self, BookingError> {
        Ok(SettingsChanges {
            time_zone: patch.time_zone.map(time_zone).transpose()?,
            slot_interval_minutes: in_range(
                "slot_interval_minutes",
                patch.slot_interval_minutes,
                5,
                240,
            )?,
            min_notice_minutes: in_range(
                "min_notice_minutes",
                patch.min_notice_minutes,
                0,
                525_600,
            )?,
            booking_window_days: in_range(
                "booking_window_days",
                patch.booking_window_days,
                1,
                730,
            )?,
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
            require_email_confirmation: patch.require_email_confirmation,
            email_confirmation_minutes: in_range(
                "email_confirmation_minutes",
                patch.email_confirmation_minutes,
                5,
                1440,
            )?,
        })
    }
}

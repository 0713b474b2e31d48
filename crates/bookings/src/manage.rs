//! The customer's manage link: see, cancel or reschedule a booking with the
//! token from the confirmation mail, no account needed. Changes are allowed
//! until the tenant's cancellation notice before the start.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::availability::rfc3339;
use super::model::{BookingRow, Status};
use super::settings::BookingSettings;
use identity::secrets;
use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::{bookings, services, staff};

pub const ACTOR: &str = "customer:manage-link";

pub fn invalid_link() -> AppError {
    AppError::not_found(
        "booking_link_invalid",
        "This booking link is not valid. Check that you copied the whole link from your confirmation mail.",
    )
}

/// Finds the booking a token opens, locked for a change when `lock`.
pub fn by_token(conn: &mut PgConnection, token: &str, lock: bool) -> AppResult<BookingRow> {
    let hash = secrets::hash_presented(token).ok_or_else(invalid_link)?;
    let query = bookings::table
        .filter(bookings::manage_token_hash.eq(hash))
        .select(BookingRow::as_select());
    let found = if lock {
        query.for_update().first(conn).optional()?
    } else {
        query.first(conn).optional()?
    };
    found.ok_or_else(invalid_link)
}

/// Until when the customer may still change the booking.
pub fn change_deadline(b: &BookingRow, s: &BookingSettings) -> DateTime<Utc> {
    b.starts_at - s.cancellation_notice()
}

pub fn check_window(b: &BookingRow, s: &BookingSettings, what: &str) -> AppResult<()> {
    if !b.status().holds_time() {
        return Err(AppError::conflict(
            "booking_not_active",
            format!(
                "This booking is {} and can no longer be {what}.",
                b.status().as_str()
            ),
        ));
    }
    let deadline = change_deadline(b, s);
    if Utc::now() > deadline {
        return Err(AppError::conflict(
            "too_late_to_change",
            format!(
                "Bookings can be {what} online until {} before the start ({}); please contact the business.",
                humanize_minutes(s.cancellation_notice_minutes),
                rfc3339(deadline)
            ),
        ));
    }
    Ok(())
}

pub fn humanize_minutes(m: i32) -> String {
    match m {
        m if m % 1440 == 0 && m >= 1440 => format!("{} day(s)", m / 1440),
        m if m % 60 == 0 && m >= 60 => format!("{} hour(s)", m / 60),
        m => format!("{m} minute(s)"),
    }
}

#[derive(Serialize)]
pub struct ManageView {
    pub id: uuid::Uuid,
    pub status: Status,
    pub start: String,
    pub end: String,
    pub service: String,
    pub staff: String,
    pub time_zone: String,
    pub can_change: bool,
    pub change_deadline: String,
}

pub fn view(conn: &mut PgConnection, b: &BookingRow, s: &BookingSettings) -> AppResult<ManageView> {
    let service: String = services::table
        .find(b.service_id)
        .select(services::name)
        .first(conn)?;
    let staff_name: String = staff::table
        .find(b.staff_id)
        .select(staff::name)
        .first(conn)?;
    let deadline = change_deadline(b, s);
    Ok(ManageView {
        id: b.id,
        status: b.status(),
        start: rfc3339(b.starts_at),
        end: rfc3339(b.ends_at),
        service,
        staff: staff_name,
        time_zone: s.time_zone.clone(),
        can_change: b.status().holds_time() && Utc::now() <= deadline,
        change_deadline: rfc3339(deadline),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleBody {
    pub start: DateTime<Utc>,
}

//! A staff member's hours: weekly rules, date overrides and time off.
//! Weekly rules are part of the cached schedule; overrides and time off are
//! read fresh by every availability query, so changing them drops nothing.

mod model;
mod repo;

use chrono::NaiveDate;
use diesel::PgConnection;
use uuid::Uuid;

pub use model::{
    DayOverride, NewTimeOff, OverrideBody, OverrideView, RangeBody, RuleBody, RulesBody,
    StaffHours, TimeOff, TimeOffBody, WeeklyRules,
};

use crate::error::{BookingError, Missing};
use crate::schedule_cache::Schedules;
use crate::staff::check_exists;

pub fn get(conn: &mut PgConnection, staff_id: Uuid) -> Result<StaffHours, BookingError> {
    check_exists(conn, staff_id)?;
    Ok(repo::load(conn, staff_id)?)
}

/// Replaces the weekly rules.
pub fn replace_rules(
    conn: &mut PgConnection,
    schedules: &Schedules,
    staff_id: Uuid,
    rules: &WeeklyRules,
) -> Result<StaffHours, BookingError> {
    check_exists(conn, staff_id)?;
    repo::replace_rules(conn, staff_id, &rules.0)?;
    let hours = repo::load(conn, staff_id)?;
    // Availability must not show the old schedule from this server.
    schedules.changed();
    Ok(hours)
}

/// Replaces that date's override.
pub fn set_override(
    conn: &mut PgConnection,
    staff_id: Uuid,
    date: NaiveDate,
    day: &DayOverride,
) -> Result<StaffHours, BookingError> {
    let date = model::override_date(date)?;
    check_exists(conn, staff_id)?;
    repo::clear_override(conn, staff_id, date)?;
    repo::insert_override(conn, staff_id, date, &day.0)?;
    Ok(repo::load(conn, staff_id)?)
}

/// The date follows the weekly rules again.
pub fn clear_override(
    conn: &mut PgConnection,
    staff_id: Uuid,
    date: NaiveDate,
) -> Result<(), BookingError> {
    let date = model::override_date(date)?;
    check_exists(conn, staff_id)?;
    Ok(repo::clear_override(conn, staff_id, date)?)
}

pub fn add_time_off(
    conn: &mut PgConnection,
    staff_id: Uuid,
    new: &NewTimeOff,
) -> Result<TimeOff, BookingError> {
    check_exists(conn, staff_id)?;
    Ok(repo::insert_time_off(conn, staff_id, new)?)
}

pub fn remove_time_off(
    conn: &mut PgConnection,
    staff_id: Uuid,
    time_off_id: Uuid,
) -> Result<(), BookingError> {
    match repo::delete_time_off(conn, staff_id, time_off_id)? {
        0 => Err(BookingError::NotFound(Missing::TimeOff)),
        _ => Ok(()),
    }
}

//! The tenant's booking rules: time zone, slot interval, notice, window,
//! cancellation notice, reminder lead time, and whether a guest confirms a
//! booking from its email first. Anyone reads, admins write.

mod model;
pub(crate) mod repo;

use diesel::PgConnection;

pub use model::{BookingSettings, SettingsChanges, SettingsPatch};

use crate::error::BookingError;
use crate::schedule_cache::Schedules;

pub fn get(conn: &mut PgConnection) -> Result<BookingSettings, BookingError> {
    Ok(repo::load(conn)?)
}

/// Applies the change and returns the settings as they now are.
pub fn update(
    conn: &mut PgConnection,
    schedules: &Schedules,
    changes: &SettingsChanges,
) -> Result<BookingSettings, BookingError> {
    repo::update(conn, changes)?;
    let settings = repo::load(conn)?;
    // Availability must not show the old schedule from this server.
    schedules.changed();
    Ok(settings)
}

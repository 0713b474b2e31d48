//! The settings row (one per tenant, made by the tenant migrations).

use diesel::prelude::*;

use super::model::{BookingSettings, SettingsChanges};
use kernel::schema::tenant::booking_settings;

pub(crate) fn load(conn: &mut PgConnection) -> QueryResult<BookingSettings> {
    booking_settings::table
        .select(BookingSettings::as_select())
        .first(conn)
}

pub(super) fn update(conn: &mut PgConnection, changes: &SettingsChanges) -> QueryResult<()> {
    diesel::update(booking_settings::table)
        .set((changes, booking_settings::updated_at.eq(diesel::dsl::now)))
        .execute(conn)
        .map(|_| ())
}

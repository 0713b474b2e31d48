//! The names the back office shows beside a booking's ids: services, staff
//! and customers, read in the same tenant transaction as the bookings.

use std::collections::HashMap;

use bookings::services::{self, Listing};
use bookings::staff::{self, Audience, StaffView};
use bookings::BookingError;
use diesel::PgConnection;
use kernel::error::AppError;
use uuid::Uuid;

pub fn services(conn: &mut PgConnection) -> Result<HashMap<Uuid, String>, BookingError> {
    Ok(services::list(conn, Listing::All)?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// The team in the order the staff list keeps, with whether each is active.
pub fn team(conn: &mut PgConnection) -> Result<Vec<(Uuid, String, bool)>, BookingError> {
    Ok(staff::list(conn, Audience::Team)?
        .into_iter()
        .map(|v| match v {
            StaffView::Team(m) => (m.id, m.name, m.active),
            StaffView::Public(m) => (m.id, m.name, m.active),
        })
        .collect())
}

/// A customer's record; None once it is deleted or erased.
pub fn customer(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<Option<customers::model::Customer>, BookingError> {
    match customers::repo::find(conn, id) {
        Ok(c) => Ok(Some(c)),
        Err(e) => {
            let e = AppError::from(e);
            if e.status.as_u16() == 404 {
                Ok(None)
            } else {
                Err(e.into())
            }
        }
    }
}

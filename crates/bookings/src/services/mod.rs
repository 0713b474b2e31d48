//! Services (what can be booked) and their categories. Staff write, anyone
//! reads.

pub mod categories;
mod model;
mod repo;

use std::sync::Arc;

use diesel::PgConnection;
use uuid::Uuid;

pub use model::{Listing, NewService, Service, ServiceBody, ServiceChanges, ServicePatch};

use crate::error::{BookingError, Missing};
use crate::schedule_cache::{Menu, Schedules};

pub fn list(conn: &mut PgConnection, listing: Listing) -> Result<Vec<Service>, BookingError> {
    Ok(repo::list(conn, listing)?)
}

/// The currency of the first service in the staff's list, None when
/// there is none: a default for a price set elsewhere (an invoice),
/// without reading every service for it.
pub fn first_listed_currency(conn: &mut PgConnection) -> Result<Option<String>, BookingError> {
    Ok(repo::first_listed_currency(conn)?)
}

/// The site's menu: from the cache when fresh, else read and cached.
pub fn menu(conn: &mut PgConnection, schedules: &Schedules) -> Result<Arc<Menu>, BookingError> {
    if let Some(menu) = schedules.menu() {
        return Ok(menu);
    }
    let menu = Menu {
        services: repo::list(conn, Listing::Bookable)?,
        categories: categories::list(conn)?,
    };
    Ok(schedules.put_menu(menu))
}

pub fn get(conn: &mut PgConnection, id: Uuid) -> Result<Service, BookingError> {
    repo::find(conn, id)?.ok_or(BookingError::NotFound(Missing::Service))
}

fn check_category(conn: &mut PgConnection, id: Option<Uuid>) -> Result<(), BookingError> {
    match id {
        Some(id) if !repo::category_exists(conn, id)? => Err(BookingError::invalid(
            "category_id",
            "there is no such service category",
        )),
        _ => Ok(()),
    }
}

/// Services not deleted: what the plan's `services` limit counts.
pub fn count(conn: &mut PgConnection) -> diesel::QueryResult<i64> {
    repo::count_live(conn)
}

/// Adds a service, within the tenant's plan's `services` limit.
pub fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    schedules: &Schedules,
    new: &NewService,
) -> Result<Service, BookingError> {
    check_category(conn, new.category_id)?;
    billing::ensure_room(conn, tenant_id, billing::Limit::Services, 1, count)?;
    let service = repo::insert(conn, new)?;
    // Availability must not show the old schedule from this server.
    schedules.changed();
    Ok(service)
}

pub fn update(
    conn: &mut PgConnection,
    schedules: &Schedules,
    id: Uuid,
    changes: &ServiceChanges,
) -> Result<Service, BookingError> {
    get(conn, id)?;
    check_category(conn, changes.new_category())?;
    let service = repo::update(conn, id, changes)?;
    schedules.changed();
    Ok(service)
}

/// Soft delete: past bookings keep pointing at the service.
pub fn remove(
    conn: &mut PgConnection,
    schedules: &Schedules,
    id: Uuid,
) -> Result<(), BookingError> {
    get(conn, id)?;
    repo::soft_delete(conn, id)?;
    schedules.changed();
    Ok(())
}

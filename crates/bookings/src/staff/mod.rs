//! Staff members and the services each performs (their hours: hours/).
//! Staff write; anyone reads, the public without contact details.

mod model;
mod repo;
mod views;

use diesel::PgConnection;
use uuid::Uuid;

pub use model::{NewStaff, StaffBody, StaffChanges, StaffMember, StaffPatch};
pub use views::{Audience, PublicStaffMember, StaffView};

use crate::error::{BookingError, Missing};
use crate::schedule_cache::Schedules;

/// Every member not deleted, as `audience` may see them.
pub fn list(conn: &mut PgConnection, audience: Audience) -> Result<Vec<StaffView>, BookingError> {
    let members = repo::list(conn)?;
    Ok(members.into_iter().map(|m| m.seen_by(audience)).collect())
}

pub fn get(
    conn: &mut PgConnection,
    id: Uuid,
    audience: Audience,
) -> Result<StaffView, BookingError> {
    Ok(find(conn, id)?.seen_by(audience))
}

fn find(conn: &mut PgConnection, id: Uuid) -> Result<StaffMember, BookingError> {
    repo::find(conn, id)?.ok_or(BookingError::NotFound(Missing::Staff))
}

/// staff_not_found unless a member (not deleted) has this id.
pub(crate) fn check_exists(conn: &mut PgConnection, id: Uuid) -> Result<(), BookingError> {
    if repo::exists(conn, id)? {
        Ok(())
    } else {
        Err(BookingError::NotFound(Missing::Staff))
    }
}

/// Every service named must exist; duplicates count once.
fn set_services(
    conn: &mut PgConnection,
    staff_id: Uuid,
    service_ids: &[Uuid],
) -> Result<(), BookingError> {
    let mut unique = service_ids.to_vec();
    unique.sort();
    unique.dedup();
    let known = repo::count_services(conn, &unique)?;
    if usize::try_from(known).ok() != Some(unique.len()) {
        return Err(BookingError::invalid(
            "service_ids",
            "one or more services do not exist",
        ));
    }
    Ok(repo::replace_services(conn, staff_id, &unique)?)
}

/// Staff members not deleted: what the plan's `staff` limit counts.
pub fn count(conn: &mut PgConnection) -> diesel::QueryResult<i64> {
    repo::count_live(conn)
}

/// Adds a member, if the tenant's plan has a seat left (checked and taken
/// atomically: two concurrent adds at the last seat cannot both pass).
pub fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    schedules: &Schedules,
    new: &NewStaff,
) -> Result<StaffMember, BookingError> {
    billing::ensure_room(conn, tenant_id, billing::Limit::Staff, 1, count)?;
    let id = Uuid::new_v4();
    repo::insert(conn, id, new)?;
    set_services(conn, id, &new.service_ids)?;
    let member = find(conn, id)?;
    // Availability must not show the old schedule from this server.
    schedules.changed();
    Ok(member)
}

pub fn update(
    conn: &mut PgConnection,
    schedules: &Schedules,
    id: Uuid,
    changes: &StaffChanges,
) -> Result<StaffMember, BookingError> {
    check_exists(conn, id)?;
    repo::update(conn, id, &changes.columns)?;
    if let Some(ids) = &changes.service_ids {
        set_services(conn, id, ids)?;
    }
    let member = find(conn, id)?;
    schedules.changed();
    Ok(member)
}

/// Soft delete: past bookings keep pointing at the member.
pub fn remove(
    conn: &mut PgConnection,
    schedules: &Schedules,
    id: Uuid,
) -> Result<(), BookingError> {
    check_exists(conn, id)?;
    repo::soft_delete(conn, id)?;
    schedules.changed();
    Ok(())
}

//! Staff queries, and which services each member performs.

use diesel::prelude::*;
use uuid::Uuid;

use super::model::{NewStaff, StaffColumns, StaffMember, StaffRow};
use kernel::schema::tenant::{services, staff, staff_services};

/// Members not deleted, by name.
pub(super) fn list(conn: &mut PgConnection) -> QueryResult<Vec<StaffMember>> {
    let rows = staff::table
        .filter(staff::deleted_at.is_null())
        .order((staff::name, staff::id))
        .select(StaffRow::as_select())
        .load(conn)?;
    with_services(conn, rows)
}

/// One query for the services of all `rows`.
fn with_services(conn: &mut PgConnection, rows: Vec<StaffRow>) -> QueryResult<Vec<StaffMember>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(Uuid, Uuid)> = staff_services::table
        .filter(staff_services::staff_id.eq_any(&ids))
        .select((staff_services::staff_id, staff_services::service_id))
        .order((staff_services::staff_id, staff_services::service_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let service_ids = links
                .iter()
                .filter(|(s, _)| *s == r.id)
                .map(|(_, svc)| *svc)
                .collect();
            StaffMember::from_row(r, service_ids)
        })
        .collect())
}

pub(super) fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<StaffMember>> {
    let row = staff::table
        .find(id)
        .filter(staff::deleted_at.is_null())
        .select(StaffRow::as_select())
        .first(conn)
        .optional()?;
    match row {
        Some(row) => Ok(with_services(conn, vec![row])?.pop()),
        None => Ok(None),
    }
}

/// A member not deleted has this id.
pub(super) fn exists(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        staff::table.find(id).filter(staff::deleted_at.is_null()),
    ))
    .get_result(conn)
}

pub(super) fn insert(conn: &mut PgConnection, id: Uuid, new: &NewStaff) -> QueryResult<()> {
    diesel::insert_into(staff::table)
        .values((
            staff::id.eq(id),
            staff::name.eq(new.name.as_str()),
            staff::email.eq(new.email.as_ref().map(|e| e.as_str())),
            staff::phone.eq(new.phone.as_ref().map(|p| p.as_str())),
            staff::user_id.eq(new.user_id),
        ))
        .execute(conn)
        .map(|_| ())
}

pub(super) fn update(conn: &mut PgConnection, id: Uuid, columns: &StaffColumns) -> QueryResult<()> {
    diesel::update(staff::table.find(id))
        .set((columns, staff::updated_at.eq(diesel::dsl::now)))
        .execute(conn)
        .map(|_| ())
}

/// How many of these (distinct) services exist and are not deleted.
pub(super) fn count_services(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<i64> {
    services::table
        .filter(services::id.eq_any(ids))
        .filter(services::deleted_at.is_null())
        .count()
        .get_result(conn)
}

pub(super) fn replace_services(
    conn: &mut PgConnection,
    staff_id: Uuid,
    service_ids: &[Uuid],
) -> QueryResult<()> {
    diesel::delete(staff_services::table.filter(staff_services::staff_id.eq(staff_id)))
        .execute(conn)?;
    let rows: Vec<_> = service_ids
        .iter()
        .map(|svc| {
            (
                staff_services::staff_id.eq(staff_id),
                staff_services::service_id.eq(*svc),
            )
        })
        .collect();
    diesel::insert_into(staff_services::table)
        .values(rows)
        .execute(conn)
        .map(|_| ())
}

pub(super) fn soft_delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(staff::table.find(id))
        .set((
            staff::deleted_at.eq(diesel::dsl::now),
            staff::active.eq(false),
        ))
        .execute(conn)
        .map(|_| ())
}

pub(super) fn count_live(conn: &mut PgConnection) -> QueryResult<i64> {
    staff::table
        .filter(staff::deleted_at.is_null())
        .count()
        .get_result(conn)
}

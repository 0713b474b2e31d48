//! Staff members and the services each performs (their hours: hours.rs).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::error::{AppError, AppResult};
use kernel::input::present;
use kernel::schema::tenant::{services, staff, staff_services};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff, check_for_backend(diesel::pg::Pg))]
pub struct StaffRow {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaffMember {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub user_id: Option<Uuid>,
    pub active: bool,
    pub service_ids: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffBody {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub user_id: Option<Uuid>,
    #[serde(default)]
    pub service_ids: Vec<Uuid>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffPatch {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub user_id: Option<Option<Uuid>>,
    pub active: Option<bool>,
    pub service_ids: Option<Vec<Uuid>>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = staff)]
pub struct StaffChanges {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub user_id: Option<Option<Uuid>>,
    pub active: Option<bool>,
}

pub fn not_found() -> AppError {
    AppError::not_found("staff_not_found", "There is no such staff member.")
}

pub fn field<T>(name: &str, r: Result<T, String>) -> AppResult<T> {
    r.map_err(|m| AppError::invalid(name, m))
}

pub fn with_services(
    conn: &mut PgConnection,
    rows: Vec<StaffRow>,
) -> QueryResult<Vec<StaffMember>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(Uuid, Uuid)> = staff_services::table
        .filter(staff_services::staff_id.eq_any(&ids))
        .select((staff_services::staff_id, staff_services::service_id))
        .order((staff_services::staff_id, staff_services::service_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| StaffMember {
            service_ids: links
                .iter()
                .filter(|(s, _)| *s == r.id)
                .map(|(_, svc)| *svc)
                .collect(),
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            user_id: r.user_id,
            active: r.active,
            created_at: r.created_at,
        })
        .collect())
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> AppResult<StaffMember> {
    let row = staff::table
        .find(id)
        .filter(staff::deleted_at.is_null())
        .select(StaffRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_found)?;
    with_services(conn, vec![row])?.pop().ok_or_else(not_found)
}

pub fn set_services(
    conn: &mut PgConnection,
    staff_id: Uuid,
    service_ids: &[Uuid],
) -> AppResult<()> {
    let known: i64 = services::table
        .filter(services::id.eq_any(service_ids))
        .filter(services::deleted_at.is_null())
        .count()
        .get_result(conn)?;
    let mut unique = service_ids.to_vec();
    unique.sort();
    unique.dedup();
    if known != unique.len() as i64 {
        return Err(AppError::invalid(
            "service_ids",
            "one or more services do not exist",
        ));
    }
    diesel::delete(staff_services::table.filter(staff_services::staff_id.eq(staff_id)))
        .execute(conn)?;
    let rows: Vec<_> = unique
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
        .execute(conn)?;
    Ok(())
}

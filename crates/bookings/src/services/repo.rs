//! Service and category queries. Table names are unqualified: they run
//! inside a tenant transaction whose search_path picks the tenant's schema.

use diesel::prelude::*;
use kernel::db::PerTenant;
use uuid::Uuid;

use super::categories::{Category, CategoryChanges, NewCategory};
use super::model::{Listing, NewService, Service, ServiceChanges};
use kernel::schema::tenant::{service_categories, services, staff_services};

pub(super) fn list(conn: &mut PgConnection, listing: Listing) -> QueryResult<Vec<Service>> {
    let mut query = services::table
        .filter(services::deleted_at.is_null())
        .order((services::name, services::id))
        .select(Service::as_select())
        .into_boxed();
    if listing == Listing::Bookable {
        // The column itself, not `= $1` with true bound: a statement that
        // binds nothing is planned once, from its first run.
        query = query.filter(services::active);
    }
    // Planned once per connection and tenant (kernel::db::Kept's doc).
    PerTenant(query).load(conn)
}

/// The currency of the first service `list(Listing::All)` gives: one
/// column of one row.
pub(super) fn first_listed_currency(conn: &mut PgConnection) -> QueryResult<Option<String>> {
    services::table
        .filter(services::deleted_at.is_null())
        .order((services::name, services::id))
        .select(services::currency)
        .first(conn)
        .optional()
}

/// A service that is not deleted.
pub(super) fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Service>> {
    services::table
        .find(id)
        .filter(services::deleted_at.is_null())
        .select(Service::as_select())
        .first(conn)
        .optional()
}

pub(super) fn category_exists(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(service_categories::table.find(id))).get_result(conn)
}

pub(super) fn insert(conn: &mut PgConnection, new: &NewService) -> QueryResult<Service> {
    diesel::insert_into(services::table)
        .values((
            services::id.eq(Uuid::new_v4()),
            services::name.eq(&new.name),
            services::description.eq(&new.description),
            services::duration_minutes.eq(new.duration_minutes),
            services::price_cents.eq(new.price.minor),
            services::currency.eq(new.price.currency.as_str()),
            services::buffer_before_minutes.eq(new.buffer_before_minutes),
            services::buffer_after_minutes.eq(new.buffer_after_minutes),
            services::category_id.eq(new.category_id),
            services::metadata.eq(&new.metadata),
            services::active.eq(new.active),
        ))
        .returning(Service::as_returning())
        .get_result(conn)
}

pub(super) fn update(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &ServiceChanges,
) -> QueryResult<Service> {
    diesel::update(services::table.find(id))
        .set((changes, services::updated_at.eq(diesel::dsl::now)))
        .returning(Service::as_returning())
        .get_result(conn)
}

/// Soft delete: past bookings keep pointing at the service; no staff
/// member performs it any more.
pub(super) fn soft_delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(services::table.find(id))
        .set((
            services::deleted_at.eq(diesel::dsl::now),
            services::active.eq(false),
        ))
        .execute(conn)?;
    diesel::delete(staff_services::table.filter(staff_services::service_id.eq(id)))
        .execute(conn)
        .map(|_| ())
}

pub(super) fn list_categories(conn: &mut PgConnection) -> QueryResult<Vec<Category>> {
    service_categories::table
        .order((service_categories::position, service_categories::name))
        .select(Category::as_select())
        .load(conn)
}

pub(super) fn insert_category(conn: &mut PgConnection, new: &NewCategory) -> QueryResult<Category> {
    diesel::insert_into(service_categories::table)
        .values((
            service_categories::id.eq(Uuid::new_v4()),
            service_categories::name.eq(&new.name),
            service_categories::position.eq(new.position),
        ))
        .returning(Category::as_returning())
        .get_result(conn)
}

/// `None` when there is no such category.
pub(super) fn update_category(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &CategoryChanges,
) -> QueryResult<Option<Category>> {
    let target = service_categories::table.find(id);
    let Some(current) = target
        .select(Category::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    diesel::update(target)
        .set((
            service_categories::name.eq(changes.name.as_ref().unwrap_or(&current.name)),
            service_categories::position.eq(changes.position.unwrap_or(current.position)),
        ))
        .returning(Category::as_returning())
        .get_result(conn)
        .map(Some)
}

pub(super) fn delete_category(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(service_categories::table.find(id)).execute(conn)
}

pub(super) fn count_live(conn: &mut PgConnection) -> QueryResult<i64> {
    services::table
        .filter(services::deleted_at.is_null())
        .count()
        .get_result(conn)
}

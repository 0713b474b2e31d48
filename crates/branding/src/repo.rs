//! The branding row: one per tenant, made by the tenant migration.

use diesel::prelude::*;

use crate::changes::BrandingChanges;
use crate::model::BrandingRow;
use kernel::schema::tenant::branding;

pub(crate) fn load(conn: &mut PgConnection) -> QueryResult<Option<BrandingRow>> {
    branding::table
        .select(BrandingRow::as_select())
        .first(conn)
        .optional()
}

/// `changes` must not be empty (diesel refuses an empty change).
pub(crate) fn save(conn: &mut PgConnection, changes: &BrandingChanges) -> QueryResult<()> {
    // The migration made the row; one removed by hand comes back with the
    // defaults rather than the change going nowhere.
    diesel::insert_into(branding::table)
        .values(branding::id.eq(true))
        .on_conflict_do_nothing()
        .execute(conn)?;
    diesel::update(branding::table)
        .set((changes, branding::updated_at.eq(diesel::dsl::now)))
        .execute(conn)
        .map(|_| ())
}

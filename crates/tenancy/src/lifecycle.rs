//! What an operator does to a tenant after creating it: suspend, resume,
//! delete, manage its domains, list and inspect. Each change runs in one
//! transaction that locks the tenant's row, so two operators cannot interleave,
//! and writes its operator_audit row in that same transaction. Triggers on
//! tenants and domains notify running servers, so nothing else is needed for a
//! change to take effect.
//!
//! Every change is idempotent: asking for the state a tenant is already in
//! succeeds and says so.

mod audit;
mod domains;
mod status;
mod view;

use diesel::prelude::*;

use super::admin_error::AdminError;
use super::model::TenantRow;
use kernel::schema::public::tenants;

pub use audit::{operator_name, record as record_audit};
pub use domains::{add_domain, remove_domain, set_primary_domain, DomainAdded, DomainRemoved};
pub use status::{create, delete, resume, suspend, DeleteOutcome, StatusChange};
pub use view::{list, show, DomainView, TenantDetails, TenantSummary};

/// Fails with one clear line when `init` has not been run on this database,
/// instead of a "relation does not exist" from the first query.
pub fn require_public_schema(conn: &mut PgConnection) -> Result<(), AdminError> {
    #[derive(QueryableByName)]
    struct Present {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        present: bool,
    }
    let found: Present =
        diesel::sql_query("SELECT to_regclass('public.tenants') IS NOT NULL AS present")
            .get_result(conn)?;
    if found.present {
        Ok(())
    } else {
        Err(AdminError::failed(
            "the public schema is not migrated on this database; run `tenant-admin init` first",
        ))
    }
}

/// The tenant's row, locked until the caller's transaction ends.
pub fn lock_tenant(conn: &mut PgConnection, slug: &str) -> Result<TenantRow, AdminError> {
    tenants::table
        .filter(tenants::slug.eq(slug))
        .for_update()
        .select(TenantRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| no_such_tenant(slug))
}

/// Fails with one clear line when this binary's public migrations are not
/// all applied: tenant migrations may use what they add (the functions the
/// tenant schemas share live in public).
pub fn require_public_migrated(conn: &mut PgConnection) -> Result<(), AdminError> {
    use diesel_migrations::MigrationHarness;
    let behind = conn
        .has_pending_migration(super::migrations::SHARED_MIGRATIONS)
        .map_err(|e| AdminError::failed(format!("cannot read the public migrations: {e}")))?;
    if behind {
        return Err(AdminError::failed(
            "the public schema is behind this tenant-admin; run `tenant-admin init` first",
        ));
    }
    Ok(())
}

pub fn no_such_tenant(slug: &str) -> AdminError {
    AdminError::not_found(format!("there is no tenant {slug:?}"))
}

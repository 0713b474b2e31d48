//! Shared (public) migrations run through diesel's harness. Tenant migrations
//! are applied by us, per schema, so that each tenant's version lives in the
//! tenants table: "what is pending?" over every tenant is one indexed query.

use diesel::migration::{Migration, MigrationSource};
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SHARED_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/shared");
pub const TENANT_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/tenant");

/// Any fixed number: it only has to be the same in every process.
const SHARED_MIGRATION_LOCK: i64 = 0x5AA5_0001;

pub type TenantMigration = Box<dyn Migration<Pg>>;

/// Migrates the public schema; safe to call from several processes at once.
/// Returns the versions it applied.
pub fn run_shared(conn: &mut PgConnection) -> Result<Vec<String>, String> {
    diesel::sql_query(format!("SELECT pg_advisory_lock({SHARED_MIGRATION_LOCK})"))
        .execute(conn)
        .map_err(|e| e.to_string())?;
    let applied = conn
        .run_pending_migrations(SHARED_MIGRATIONS)
        .map(|versions| versions.iter().map(|v| v.to_string()).collect())
        .map_err(|e| e.to_string());
    let _ = diesel::sql_query(format!(
        "SELECT pg_advisory_unlock({SHARED_MIGRATION_LOCK})"
    ))
    .execute(conn);
    applied
}

/// Tenant migrations in the order they apply.
pub fn load_tenant_migrations<S: MigrationSource<Pg>>(
    source: &S,
) -> Result<Vec<TenantMigration>, String> {
    let mut all = source.migrations().map_err(|e| e.to_string())?;
    all.sort_by_key(|m| m.name().version().to_string());
    Ok(all)
}

pub fn embedded_tenant_migrations() -> Result<Vec<TenantMigration>, String> {
    load_tenant_migrations(&TENANT_MIGRATIONS)
}

pub fn version_of(m: &TenantMigration) -> String {
    m.name().version().to_string()
}

pub fn latest_version(migrations: &[TenantMigration]) -> String {
    migrations.last().map(version_of).unwrap_or_default()
}

/// Those not yet applied to a schema at `current` version.
pub fn pending<'a>(migrations: &'a [TenantMigration], current: &str) -> Vec<&'a TenantMigration> {
    migrations
        .iter()
        .filter(|m| version_of(m).as_str() > current)
        .collect()
}

#[derive(Debug)]
pub struct MigrationFailure {
    pub version: String,
    pub error: String,
}

/// Applies the given migrations. Call it inside `kernel::db::with_tenant`
/// for the tenant's schema: that transaction is the tenant's (a failure rolls
/// back everything it got in this run) and its path puts the tables in the
/// schema. Returns the version reached.
pub fn apply_in_transaction(
    conn: &mut PgConnection,
    to_apply: &[&TenantMigration],
) -> Result<Option<String>, MigrationFailure> {
    let mut reached = None;
    for migration in to_apply {
        let version = version_of(migration);
        migration.run(conn).map_err(|e| MigrationFailure {
            version: version.clone(),
            error: e.to_string(),
        })?;
        reached = Some(version);
    }
    Ok(reached)
}

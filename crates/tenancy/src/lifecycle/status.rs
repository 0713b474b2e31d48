//! Creating, suspending, resuming and deleting a tenant.

use diesel::prelude::*;
use serde_json::json;

use super::{audit, lock_tenant};
use crate::admin_error::AdminError;
use crate::migrations::TenantMigration;
use crate::model::TenantStatus;
use crate::provision::{create_tenant, CreateOutcome, NewTenant, Setup};
use kernel::schema::public::{domains, tenants};
use kernel::values::SchemaName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    Changed {
        from: TenantStatus,
        to: TenantStatus,
    },
    /// The tenant was in that state already; nothing was written.
    Unchanged(TenantStatus),
}

#[derive(Debug, Clone)]
pub struct DeleteOutcome {
    pub slug: String,
    pub schema: String,
    pub already_deleted: bool,
    /// Hosts released by this call, free for another tenant now.
    pub domains_removed: Vec<String>,
    pub schema_dropped: bool,
}

/// provision::create_tenant plus its audit row. The audit row is written once
/// the tenant is committed: provisioning keeps its single transaction.
/// `owner_email` is what `setup` adds, for the audit row.
pub fn create(
    conn: &mut PgConnection,
    input: &NewTenant,
    base_domain: &str,
    migrations: &[TenantMigration],
    actor: &str,
    setup: Setup<'_>,
    owner_email: Option<&str>,
) -> Result<CreateOutcome, AdminError> {
    let outcome = create_tenant(conn, input, base_domain, migrations, setup)?;
    if let CreateOutcome::Created(row) = &outcome {
        audit::record(
            conn,
            actor,
            "tenant.create",
            Some(row.id),
            json!({
                "slug": row.slug,
                "schema": row.schema_name,
                "plan": row.plan_code,
                "domains": input.domains,
                "owner_email": owner_email,
            }),
        )
        .map_err(|e| {
            AdminError::failed(format!(
                "tenant {} was created, but its audit row was not written: {e}",
                row.slug
            ))
        })?;
    }
    Ok(outcome)
}

pub fn suspend(
    conn: &mut PgConnection,
    slug: &str,
    actor: &str,
) -> Result<StatusChange, AdminError> {
    change_status(
        conn,
        slug,
        actor,
        TenantStatus::Active,
        TenantStatus::Suspended,
    )
}

pub fn resume(
    conn: &mut PgConnection,
    slug: &str,
    actor: &str,
) -> Result<StatusChange, AdminError> {
    change_status(
        conn,
        slug,
        actor,
        TenantStatus::Suspended,
        TenantStatus::Active,
    )
}

/// Moves a tenant from `from` to `to`; being in `to` already is success.
fn change_status(
    conn: &mut PgConnection,
    slug: &str,
    actor: &str,
    from: TenantStatus,
    to: TenantStatus,
) -> Result<StatusChange, AdminError> {
    conn.transaction(|conn| {
        let row = lock_tenant(conn, slug)?;
        let current = row.status;
        if current == to {
            return Ok(StatusChange::Unchanged(to));
        }
        if current != from {
            return Err(AdminError::conflict(format!(
                "tenant {slug} is {}; only a {} tenant can become {}",
                current.as_str(),
                from.as_str(),
                to.as_str()
            )));
        }
        diesel::update(tenants::table.find(row.id))
            .set((
                tenants::status.eq(to),
                tenants::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)?;
        let action = match to {
            TenantStatus::Suspended => "tenant.suspend",
            _ => "tenant.resume",
        };
        audit::record(
            conn,
            actor,
            action,
            Some(row.id),
            json!({ "slug": row.slug, "from": current.as_str(), "to": to.as_str() }),
        )?;
        Ok(StatusChange::Changed { from: current, to })
    })
}

/// Soft delete: the tenant stops resolving and its hosts are released, while
/// its schema stays for recovery or export. `drop_schema` also drops the
/// schema with everything in it, which cannot be undone.
pub fn delete(
    conn: &mut PgConnection,
    slug: &str,
    drop_schema: bool,
    actor: &str,
) -> Result<DeleteOutcome, AdminError> {
    conn.transaction(|conn| {
        let row = lock_tenant(conn, slug)?;
        let already_deleted = row.status == TenantStatus::Deleted;
        let schema = SchemaName::parse(&row.schema_name).map_err(AdminError::failed)?;
        let domains_removed: Vec<String> =
            diesel::delete(domains::table.filter(domains::tenant_id.eq(row.id)))
                .returning(domains::host)
                .get_results(conn)?;
        if !already_deleted {
            diesel::update(tenants::table.find(row.id))
                .set((
                    tenants::status.eq(TenantStatus::Deleted),
                    tenants::deleted_at.eq(diesel::dsl::now),
                    tenants::updated_at.eq(diesel::dsl::now),
                ))
                .execute(conn)?;
        }
        let schema_dropped = drop_schema && schema_exists(conn, &schema)?;
        if schema_dropped {
            diesel::sql_query(format!("DROP SCHEMA {} CASCADE", schema.quoted())).execute(conn)?;
        }
        let outcome = DeleteOutcome {
            slug: row.slug.clone(),
            schema: row.schema_name.clone(),
            already_deleted,
            domains_removed,
            schema_dropped,
        };
        let changed = !already_deleted || schema_dropped || !outcome.domains_removed.is_empty();
        if changed {
            audit::record(
                conn,
                actor,
                "tenant.delete",
                Some(row.id),
                json!({
                    "slug": outcome.slug,
                    "schema": outcome.schema,
                    "domains_removed": outcome.domains_removed,
                    "schema_dropped": outcome.schema_dropped,
                }),
            )?;
        }
        Ok(outcome)
    })
}

fn schema_exists(conn: &mut PgConnection, schema: &SchemaName) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        found: bool,
    }
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS found")
        .bind::<diesel::sql_types::Text, _>(schema.as_str())
        .get_result::<Found>(conn)
        .map(|f| f.found)
}

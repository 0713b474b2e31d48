//! Read-only views of tenants for `list` and `show`, shaped for JSON output.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use super::no_such_tenant;
use crate::admin_error::AdminError;
use crate::model::{find_by_slug, TenantRow, TenantStatus};
use kernel::schema::public::{domains, memberships, tenants};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DomainView {
    pub host: String,
    pub primary: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TenantSummary {
    pub slug: String,
    pub name: String,
    pub status: TenantStatus,
    pub plan: String,
    pub schema: String,
    pub schema_version: String,
    pub domains: Vec<DomainView>,
    pub migration_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TenantDetails {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub schema: String,
    pub status: TenantStatus,
    pub plan: String,
    pub schema_version: String,
    pub domains: Vec<DomainView>,
    /// People with a role in this tenant, customers included.
    pub members: i64,
    pub migration_error: Option<String>,
    pub migration_failed_version: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Every tenant, deleted ones included, by slug. Two queries whatever the
/// number of tenants.
pub fn list(conn: &mut PgConnection) -> Result<Vec<TenantSummary>, AdminError> {
    let rows: Vec<TenantRow> = tenants::table
        .order(tenants::slug.asc())
        .select(TenantRow::as_select())
        .load(conn)?;
    let mut by_tenant: HashMap<Uuid, Vec<DomainView>> = HashMap::new();
    let all_domains: Vec<(Uuid, String, bool)> = domains::table
        .order((domains::is_primary.desc(), domains::host.asc()))
        .select((domains::tenant_id, domains::host, domains::is_primary))
        .load(conn)?;
    for (tenant_id, host, primary) in all_domains {
        by_tenant
            .entry(tenant_id)
            .or_default()
            .push(DomainView { host, primary });
    }
    Ok(rows
        .into_iter()
        .map(|row| TenantSummary {
            domains: by_tenant.remove(&row.id).unwrap_or_default(),
            slug: row.slug,
            name: row.name,
            status: row.status,
            plan: row.plan_code,
            schema: row.schema_name,
            schema_version: row.schema_version,
            migration_error: row.migration_error,
            created_at: row.created_at,
        })
        .collect())
}

pub fn show(conn: &mut PgConnection, slug: &str) -> Result<TenantDetails, AdminError> {
    let row = find_by_slug(conn, slug)?.ok_or_else(|| no_such_tenant(slug))?;
    let domains = domains::table
        .filter(domains::tenant_id.eq(row.id))
        .order((domains::is_primary.desc(), domains::host.asc()))
        .select((domains::host, domains::is_primary))
        .load::<(String, bool)>(conn)?
        .into_iter()
        .map(|(host, primary)| DomainView { host, primary })
        .collect();
    let members: i64 = memberships::table
        .filter(memberships::tenant_id.eq(row.id))
        .count()
        .get_result(conn)?;
    Ok(TenantDetails {
        id: row.id,
        slug: row.slug,
        name: row.name,
        schema: row.schema_name,
        status: row.status,
        plan: row.plan_code,
        schema_version: row.schema_version,
        domains,
        members,
        migration_error: row.migration_error,
        migration_failed_version: row.migration_failed_version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        deleted_at: row.deleted_at,
    })
}

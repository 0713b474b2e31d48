//! Tenant rows and the queries the request path needs.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use kernel::schema::public::{domains, subscriptions, tenants};
use kernel::values::SchemaName;

kernel::text_enum! {
    /// Where a tenant is in its life; only an active one serves requests.
    pub enum TenantStatus {
        Provisioning => "provisioning",
        Active => "active",
        Suspended => "suspended",
        Deleted => "deleted",
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tenants)]
pub struct TenantRow {
    pub id: Uuid,
    pub slug: String,
    pub schema_name: String,
    pub name: String,
    pub status: TenantStatus,
    pub plan_code: String,
    pub schema_version: String,
    pub migration_error: Option<String>,
    pub migration_failed_version: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What a request knows about its tenant: enough to route and to bind a
/// connection, nothing that changes often.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub schema: SchemaName,
    pub status: TenantStatus,
    /// When its subscription fell past due (a payment failed): once the
    /// grace period after it has passed, the site is read-only. Filled by
    /// the registry, which the subscription's changes refresh.
    pub past_due_since: Option<DateTime<Utc>>,
}

impl TryFrom<TenantRow> for Tenant {
    type Error = String;

    fn try_from(row: TenantRow) -> Result<Self, String> {
        Ok(Tenant {
            id: row.id,
            schema: SchemaName::parse(&row.schema_name)?,
            status: row.status,
            slug: row.slug,
            name: row.name,
            past_due_since: None,
        })
    }
}

pub fn find_by_slug(conn: &mut PgConnection, slug: &str) -> QueryResult<Option<TenantRow>> {
    tenants::table
        .filter(tenants::slug.eq(slug))
        .select(TenantRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_domain(conn: &mut PgConnection, host: &str) -> QueryResult<Option<TenantRow>> {
    tenants::table
        .inner_join(domains::table)
        .filter(domains::host.eq(host))
        .select(TenantRow::as_select())
        .first(conn)
        .optional()
}

/// When the tenant's subscription fell past due, if it is.
pub fn past_due_since(
    conn: &mut PgConnection,
    tenant_id: uuid::Uuid,
) -> QueryResult<Option<DateTime<Utc>>> {
    Ok(subscriptions::table
        .find(tenant_id)
        .select(subscriptions::past_due_since)
        .first::<Option<DateTime<Utc>>>(conn)
        .optional()?
        .flatten())
}

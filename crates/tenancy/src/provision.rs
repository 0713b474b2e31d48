//! Creating a tenant: validated input, then one transaction that inserts the
//! tenant, creates and migrates its schema, adds its domains and what the
//! layers above add (its owner), and marks it active. A failure or crash
//! leaves nothing behind.

use diesel::prelude::*;
use uuid::Uuid;

use kernel::db::with_tenant;
use kernel::schema::public::{domains, tenants};
use kernel::values::TenantSlug;

use super::admin_error::AdminError;
use super::host::{classify, normalize, HostKind};
use super::migrations::{apply_in_transaction, latest_version, TenantMigration};
use super::model::{find_by_slug, TenantRow, TenantStatus};

/// The plan of a tenant created without naming one.
pub const DEFAULT_PLAN: &str = "basic";

pub struct NewTenant {
    pub slug: String,
    pub name: String,
    pub domains: Vec<String>,
    pub plan: Option<String>,
}

pub enum CreateOutcome {
    Created(TenantRow),
    /// The slug is taken already: nothing was changed.
    AlreadyExists(TenantRow),
}

/// What a layer above adds inside the creation transaction, once the schema
/// is migrated and the domains are in (identity adds the owner's account).
/// A failure there rolls the whole tenant back.
pub type Setup<'a> = &'a dyn Fn(&mut PgConnection, Uuid) -> Result<(), AdminError>;

/// A custom domain: a valid host name, not the platform's own host.
pub fn parse_domain(raw: &str, base_domain: &str) -> Result<String, AdminError> {
    let host = normalize(raw)
        .filter(|h| h.contains('.') && !h.starts_with('.') && !h.contains(".."))
        .filter(|h| h.split('.').all(|l| !l.is_empty() && l.len() <= 63))
        .ok_or_else(|| AdminError::invalid(format!("{raw:?} is not a valid host name")))?;
    if classify(&host, base_domain) == HostKind::Platform {
        return Err(AdminError::invalid(format!(
            "{host} is the platform's own host and cannot belong to a tenant"
        )));
    }
    Ok(host)
}

/// Input that passed every check: the slug and distinct normalised hosts.
pub struct Validated {
    pub slug: TenantSlug,
    pub hosts: Vec<String>,
}

/// Checks the tenant's input without touching the database.
pub fn validate(input: &NewTenant, base_domain: &str) -> Result<Validated, AdminError> {
    let slug = TenantSlug::parse(&input.slug).map_err(AdminError::invalid)?;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AdminError::invalid(
            "--name must be between 1 and 200 characters",
        ));
    }
    let mut hosts = Vec::new();
    for raw in &input.domains {
        let host = parse_domain(raw, base_domain)?;
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    Ok(Validated { slug, hosts })
}

/// Creates the tenant in one transaction, bound to its new schema through
/// the one door (`with_tenant`): the row as `provisioning`, the schema and
/// its migrations, the domains, `setup`, then `active`.
pub fn create_tenant(
    conn: &mut PgConnection,
    input: &NewTenant,
    base_domain: &str,
    migrations: &[TenantMigration],
    setup: Setup<'_>,
) -> Result<CreateOutcome, AdminError> {
    let Validated { slug, hosts } = validate(input, base_domain)?;
    if let Some(existing) = find_by_slug(conn, slug.as_str())? {
        return Ok(CreateOutcome::AlreadyExists(existing));
    }
    let schema = slug.schema_name();
    let tenant_id = Uuid::new_v4();
    let all: Vec<&TenantMigration> = migrations.iter().collect();
    // The path names a schema that does not exist yet; PostgreSQL allows
    // that, and the migrations' tables land in it once it is created.
    let row = with_tenant::<TenantRow, AdminError, _>(conn, &schema, |conn| {
        diesel::insert_into(tenants::table)
            .values((
                tenants::id.eq(tenant_id),
                tenants::slug.eq(slug.as_str()),
                tenants::schema_name.eq(schema.as_str()),
                tenants::name.eq(input.name.trim()),
                tenants::status.eq(TenantStatus::Provisioning),
                tenants::plan_code.eq(input.plan.as_deref().unwrap_or(DEFAULT_PLAN)),
            ))
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                    _,
                ) => AdminError::invalid(format!(
                    "there is no plan {:?}",
                    input.plan.as_deref().unwrap_or(DEFAULT_PLAN)
                )),
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => AdminError::conflict(format!("tenant {slug} (or its schema) already exists")),
                other => other.into(),
            })?;
        diesel::sql_query(format!("CREATE SCHEMA {}", schema.quoted()))
            .execute(conn)
            .map_err(|e| AdminError::failed(format!("cannot create schema {schema}: {e}")))?;
        apply_in_transaction(conn, &all).map_err(|f| {
            AdminError::failed(format!(
                "tenant migration {} failed: {}",
                f.version, f.error
            ))
        })?;
        for (i, host) in hosts.iter().enumerate() {
            diesel::insert_into(domains::table)
                .values((
                    domains::id.eq(Uuid::new_v4()),
                    domains::tenant_id.eq(tenant_id),
                    domains::host.eq(host),
                    domains::is_primary.eq(i == 0),
                ))
                .execute(conn)
                .map_err(|e| match e {
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UniqueViolation,
                        _,
                    ) => AdminError::conflict(format!(
                        "domain {host} already belongs to another tenant"
                    )),
                    other => other.into(),
                })?;
        }
        setup(conn, tenant_id)?;
        let row = diesel::update(tenants::table.find(tenant_id))
            .set((
                tenants::status.eq(TenantStatus::Active),
                tenants::schema_version.eq(latest_version(migrations)),
            ))
            .returning(TenantRow::as_returning())
            .get_result(conn)?;
        Ok(row)
    })?;
    Ok(CreateOutcome::Created(row))
}

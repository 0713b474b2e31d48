//! Creating a tenant: validated input, then one transaction that inserts the
//! tenant, creates and migrates its schema, adds its domains and its owner,
//! and marks it active. A failure or crash leaves nothing behind.

use diesel::prelude::*;
use uuid::Uuid;

use super::admin_error::AdminError;
use super::host::{classify, normalize, HostKind};
use super::migrations::{apply_in_transaction, latest_version, TenantMigration};
use super::model::{find_by_slug, TenantRow};
use super::names::TenantSlug;
use crate::auth::password;
use crate::schema::public::{domains, memberships, tenants, users};

pub struct NewTenant {
    pub slug: String,
    pub name: String,
    pub domains: Vec<String>,
    pub owner: Option<NewOwner>,
    pub plan: Option<String>,
}

pub struct NewOwner {
    pub email: String,
    pub password: String,
}

pub enum CreateOutcome {
    Created(TenantRow),
    /// The slug is taken already: nothing was changed.
    AlreadyExists(TenantRow),
}

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

pub fn parse_email(raw: &str) -> Result<String, String> {
    let email = raw.trim().to_lowercase();
    if email.len() > 254 || !email_address::EmailAddress::is_valid(&email) {
        return Err(format!("{raw:?} is not a valid email address"));
    }
    Ok(email)
}

/// Input that passed every check: the slug, distinct normalised hosts, and
/// the owner's email with the hash of their password.
struct Validated {
    slug: TenantSlug,
    hosts: Vec<String>,
    owner: Option<(String, String)>,
}

fn validate(input: &NewTenant, base_domain: &str) -> Result<Validated, AdminError> {
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
    let owner = match &input.owner {
        None => None,
        Some(o) => {
            let email = parse_email(&o.email).map_err(AdminError::invalid)?;
            password::check_rules(&o.password)
                .map_err(|why| AdminError::invalid(format!("owner password {why}")))?;
            let hash = password::hash(&o.password).map_err(AdminError::failed)?;
            Some((email, hash))
        }
    };
    Ok(Validated { slug, hosts, owner })
}

pub fn create_tenant(
    conn: &mut PgConnection,
    input: &NewTenant,
    base_domain: &str,
    migrations: &[TenantMigration],
) -> Result<CreateOutcome, AdminError> {
    let Validated { slug, hosts, owner } = validate(input, base_domain)?;
    if let Some(existing) = find_by_slug(conn, slug.as_str())? {
        return Ok(CreateOutcome::AlreadyExists(existing));
    }
    let schema = slug.schema_name();
    let tenant_id = Uuid::new_v4();
    let all: Vec<&TenantMigration> = migrations.iter().collect();
    let row = conn.transaction::<TenantRow, AdminError, _>(|conn| {
        diesel::insert_into(tenants::table)
            .values((
                tenants::id.eq(tenant_id),
                tenants::slug.eq(slug.as_str()),
                tenants::schema_name.eq(schema.as_str()),
                tenants::name.eq(input.name.trim()),
                tenants::status.eq("provisioning"),
                tenants::plan_code.eq(input.plan.as_deref().unwrap_or("free")),
            ))
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                    _,
                ) => AdminError::invalid(format!(
                    "there is no plan {:?}",
                    input.plan.as_deref().unwrap_or("free")
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
        apply_in_transaction(conn, &schema, &all).map_err(|f| {
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
        if let Some((email, hash)) = &owner {
            let display_name = email.split('@').next().unwrap_or(email);
            let user_id = upsert_user(conn, email, hash, display_name)?;
            diesel::insert_into(memberships::table)
                .values((
                    memberships::user_id.eq(user_id),
                    memberships::tenant_id.eq(tenant_id),
                    memberships::role.eq("owner"),
                ))
                .execute(conn)?;
        }
        let row = diesel::update(tenants::table.find(tenant_id))
            .set((
                tenants::status.eq("active"),
                tenants::schema_version.eq(latest_version(migrations)),
            ))
            .returning(TenantRow::as_returning())
            .get_result(conn)?;
        Ok(row)
    })?;
    Ok(CreateOutcome::Created(row))
}

/// The user with this email, created (with this password hash) if missing.
/// An existing user keeps their password.
fn upsert_user(
    conn: &mut PgConnection,
    email: &str,
    hash: &str,
    name: &str,
) -> Result<Uuid, AdminError> {
    let inserted: Option<Uuid> = diesel::insert_into(users::table)
        .values((
            users::id.eq(Uuid::new_v4()),
            users::email.eq(email),
            users::password_hash.eq(hash),
            users::name.eq(name),
        ))
        .on_conflict_do_nothing()
        .returning(users::id)
        .get_result(conn)
        .optional()?;
    match inserted {
        Some(id) => Ok(id),
        None => Ok(users::table
            .filter(users::email.eq(email))
            .select(users::id)
            .first(conn)?),
    }
}

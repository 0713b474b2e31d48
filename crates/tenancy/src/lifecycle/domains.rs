//! A tenant's custom domains. A host belongs to at most one tenant (unique in
//! the table), and a tenant with domains has exactly one primary: the host its
//! links and mails use.

use diesel::prelude::*;
use serde_json::json;
use uuid::Uuid;

use super::{audit, lock_tenant};
use crate::admin_error::AdminError;
use crate::host::normalize;
use crate::model::TenantStatus;
use crate::provision::parse_domain;
use kernel::schema::public::{domains, tenants};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainAdded {
    pub slug: String,
    pub host: String,
    pub primary: bool,
    /// The tenant had this host already: nothing was inserted.
    pub already_present: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainRemoved {
    Removed {
        slug: String,
        host: String,
        /// The host promoted because the removed one was primary.
        new_primary: Option<String>,
    },
    NotRegistered(String),
}

struct DomainOwner {
    tenant_id: Uuid,
    slug: String,
    is_primary: bool,
}

fn owner_of(conn: &mut PgConnection, host: &str) -> QueryResult<Option<DomainOwner>> {
    domains::table
        .inner_join(tenants::table)
        .filter(domains::host.eq(host))
        .select((domains::tenant_id, tenants::slug, domains::is_primary))
        .first::<(Uuid, String, bool)>(conn)
        .optional()
        .map(|found| {
            found.map(|(tenant_id, slug, is_primary)| DomainOwner {
                tenant_id,
                slug,
                is_primary,
            })
        })
}

/// Makes `host` the tenant's only primary. The previous primary is cleared
/// first because a unique index allows one primary per tenant.
fn make_primary(conn: &mut PgConnection, tenant_id: Uuid, host: &str) -> QueryResult<()> {
    diesel::update(
        domains::table.filter(
            domains::tenant_id
                .eq(tenant_id)
                .and(domains::is_primary)
                .and(domains::host.ne(host)),
        ),
    )
    .set(domains::is_primary.eq(false))
    .execute(conn)?;
    diesel::update(domains::table.filter(domains::host.eq(host)))
        .set(domains::is_primary.eq(true))
        .execute(conn)
        .map(|_| ())
}

/// Adds `raw_host` to the tenant. The first domain of a tenant becomes its
/// primary, as does any added with `primary`.
pub fn add_domain(
    conn: &mut PgConnection,
    slug: &str,
    raw_host: &str,
    primary: bool,
    base_domain: &str,
    actor: &str,
) -> Result<DomainAdded, AdminError> {
    let host = parse_domain(raw_host, base_domain)?;
    conn.transaction(|conn| {
        let tenant = lock_tenant(conn, slug)?;
        if tenant.status == TenantStatus::Deleted {
            return Err(AdminError::conflict(format!(
                "tenant {slug} is deleted; it cannot get new domains"
            )));
        }
        if let Some(owner) = owner_of(conn, &host)? {
            if owner.tenant_id != tenant.id {
                return Err(AdminError::conflict(format!(
                    "domain {host} already belongs to tenant {}",
                    owner.slug
                )));
            }
            if primary && !owner.is_primary {
                make_primary(conn, tenant.id, &host)?;
                audit::record(
                    conn,
                    actor,
                    "domain.set_primary",
                    Some(tenant.id),
                    json!({ "slug": slug, "host": host }),
                )?;
            }
            return Ok(DomainAdded {
                slug: slug.to_string(),
                host,
                primary: primary || owner.is_primary,
                already_present: true,
            });
        }
        let has_primary: bool = diesel::select(diesel::dsl::exists(
            domains::table.filter(domains::tenant_id.eq(tenant.id).and(domains::is_primary)),
        ))
        .get_result(conn)?;
        let becomes_primary = primary || !has_primary;
        if becomes_primary {
            diesel::update(
                domains::table.filter(domains::tenant_id.eq(tenant.id).and(domains::is_primary)),
            )
            .set(domains::is_primary.eq(false))
            .execute(conn)?;
        }
        diesel::insert_into(domains::table)
            .values((
                domains::id.eq(Uuid::new_v4()),
                domains::tenant_id.eq(tenant.id),
                domains::host.eq(&host),
                domains::is_primary.eq(becomes_primary),
            ))
            .execute(conn)
            .map_err(|e| match e {
                // Another tenant took the host between our check and insert.
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                ) => {
                    AdminError::conflict(format!("domain {host} already belongs to another tenant"))
                }
                other => other.into(),
            })?;
        audit::record(
            conn,
            actor,
            "domain.add",
            Some(tenant.id),
            json!({ "slug": slug, "host": host, "primary": becomes_primary }),
        )?;
        Ok(DomainAdded {
            slug: slug.to_string(),
            host,
            primary: becomes_primary,
            already_present: false,
        })
    })
}

/// Removes a host from whichever tenant has it. If it was the primary, the
/// tenant's oldest remaining domain becomes primary.
pub fn remove_domain(
    conn: &mut PgConnection,
    raw_host: &str,
    actor: &str,
) -> Result<DomainRemoved, AdminError> {
    let host = normalize(raw_host)
        .ok_or_else(|| AdminError::invalid(format!("{raw_host:?} is not a valid host name")))?;
    conn.transaction(|conn| {
        let Some(owner) = owner_of(conn, &host)? else {
            return Ok(DomainRemoved::NotRegistered(host));
        };
        // Lock the tenant so a concurrent add or set-primary cannot interleave.
        let tenant = lock_tenant(conn, &owner.slug)?;
        let removed = diesel::delete(
            domains::table.filter(
                domains::host
                    .eq(&host)
                    .and(domains::tenant_id.eq(tenant.id)),
            ),
        )
        .returning(domains::is_primary)
        .get_result::<bool>(conn)
        .optional()?;
        let Some(was_primary) = removed else {
            return Ok(DomainRemoved::NotRegistered(host));
        };
        let new_primary = if was_primary {
            let next: Option<String> = domains::table
                .filter(domains::tenant_id.eq(tenant.id))
                .order((domains::created_at.asc(), domains::host.asc()))
                .select(domains::host)
                .first(conn)
                .optional()?;
            if let Some(next) = &next {
                make_primary(conn, tenant.id, next)?;
            }
            next
        } else {
            None
        };
        audit::record(
            conn,
            actor,
            "domain.remove",
            Some(tenant.id),
            json!({ "slug": tenant.slug, "host": host, "new_primary": new_primary }),
        )?;
        Ok(DomainRemoved::Removed {
            slug: tenant.slug,
            host,
            new_primary,
        })
    })
}

/// Makes a registered host its tenant's primary. Returns the tenant's slug and
/// whether anything changed.
pub fn set_primary_domain(
    conn: &mut PgConnection,
    raw_host: &str,
    actor: &str,
) -> Result<(String, bool), AdminError> {
    let host = normalize(raw_host)
        .ok_or_else(|| AdminError::invalid(format!("{raw_host:?} is not a valid host name")))?;
    conn.transaction(|conn| {
        let not_registered = || AdminError::not_found(format!("domain {host} is not registered"));
        let owner = owner_of(conn, &host)?.ok_or_else(not_registered)?;
        let tenant = lock_tenant(conn, &owner.slug)?;
        // Read again under the lock: the host may have moved meanwhile.
        let owner = owner_of(conn, &host)?
            .filter(|o| o.tenant_id == tenant.id)
            .ok_or_else(not_registered)?;
        if owner.is_primary {
            return Ok((tenant.slug, false));
        }
        make_primary(conn, tenant.id, &host)?;
        audit::record(
            conn,
            actor,
            "domain.set_primary",
            Some(tenant.id),
            json!({ "slug": tenant.slug, "host": host }),
        )?;
        Ok((tenant.slug, true))
    })
}

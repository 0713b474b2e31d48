//! A new tenant's owner, added inside the tenant's creation transaction so
//! a failure leaves neither. A new address gets a platform account with the
//! password given. An address that has an account already is never
//! attached on the operator's word (it may be someone else's account, or a
//! typo): it is mailed an invitation that takes the link and that
//! account's password to accept (`invitations`).

use std::cell::Cell;

use diesel::prelude::*;
use uuid::Uuid;

use kernel::values::Email;
use tenancy::lifecycle;
use tenancy::migrations::TenantMigration;
use tenancy::model::find_by_slug;
use tenancy::provision::{self, CreateOutcome, NewTenant, Setup};
use tenancy::{AdminError, Site, Tenant};

use super::invitations;
use super::password;
use super::tokens::Role;
use super::users;

pub struct NewOwner {
    pub email: String,
    pub password: String,
}

/// An owner whose input passed the checks, with the password hashed.
struct Owner {
    email: Email,
    password_hash: String,
}

impl Owner {
    fn prepare(raw: &NewOwner) -> Result<Self, AdminError> {
        let email = Email::parse(&raw.email).map_err(AdminError::invalid)?;
        password::check_rules(&raw.password)
            .map_err(|why| AdminError::invalid(format!("owner password {why}")))?;
        let password_hash = password::hash(&raw.password).map_err(AdminError::failed)?;
        Ok(Owner {
            email,
            password_hash,
        })
    }

    /// A new account made owner, or an existing one invited.
    fn add_to(
        &self,
        conn: &mut PgConnection,
        slug: &str,
        links: &LinkBase,
    ) -> Result<OwnerOutcome, AdminError> {
        let email = self.email.as_str();
        let row = find_by_slug(conn, slug)?
            .ok_or_else(|| AdminError::failed("the new tenant vanished during its creation"))?;
        let tenant_id = row.id;
        if let Some(user) =
            users::insert(conn, email, &self.password_hash, self.email.local_part())?
        {
            users::add_membership(conn, user.id, tenant_id, Role::Owner)?;
            return Ok(OwnerOutcome::Created);
        }
        let existing = users::find_by_email(conn, email)?.ok_or_else(|| {
            AdminError::failed("the owner's account vanished during the creation")
        })?;
        let tenant = Tenant::try_from(row).map_err(AdminError::failed)?;
        let site = Site::new(tenant, None, &links.scheme, &links.base_domain);
        invitations::invite(conn, &site, &existing, Role::Owner)?;
        Ok(OwnerOutcome::Invited)
    }
}

/// What became of the owner given to `create_tenant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerOutcome {
    /// A new platform account, owner of the tenant, with the password given.
    Created,
    /// The address has an account already: it was mailed an invitation, and
    /// the tenant has no owner until it is accepted. The password given was
    /// not used.
    Invited,
}

/// Where links in mails point: `scheme://<slug>.<base_domain>`.
pub struct LinkBase {
    pub scheme: String,
    pub base_domain: String,
}

/// Provisions a tenant (tenancy's one transaction, with its audit row),
/// with its owner when one is given, then `also` (billing starts the
/// subscription there). The tenant's own input is checked before the
/// password is hashed, so a typo costs nothing.
pub fn create_tenant(
    conn: &mut PgConnection,
    input: &NewTenant,
    owner: Option<&NewOwner>,
    links: &LinkBase,
    migrations: &[TenantMigration],
    actor: &str,
    also: Setup<'_>,
) -> Result<(CreateOutcome, Option<OwnerOutcome>), AdminError> {
    let base_domain = links.base_domain.as_str();
    let slug = provision::validate(input, base_domain)?.slug;
    let owner = owner.map(Owner::prepare).transpose()?;
    let owner_outcome = Cell::new(None);
    let setup = |conn: &mut PgConnection, tenant_id: Uuid| {
        if let Some(owner) = &owner {
            owner_outcome.set(Some(owner.add_to(conn, slug.as_str(), links)?));
        }
        also(conn, tenant_id)
    };
    let created = lifecycle::create(
        conn,
        input,
        base_domain,
        migrations,
        actor,
        &setup,
        owner.as_ref().map(|o| o.email.as_str()),
    )?;
    Ok((created, owner_outcome.get()))
}

//! A new tenant's owner: the platform account (found by email, or created
//! with the password given) and its owner membership, added inside the
//! tenant's creation transaction so a failure leaves neither.

use diesel::prelude::*;
use uuid::Uuid;

use kernel::values::Email;
use tenancy::lifecycle;
use tenancy::migrations::TenantMigration;
use tenancy::provision::{self, CreateOutcome, NewTenant};
use tenancy::AdminError;

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

    /// The account with this email (an existing one keeps its password),
    /// made owner of the tenant.
    fn add_to(&self, conn: &mut PgConnection, tenant_id: Uuid) -> Result<(), AdminError> {
        let email = self.email.as_str();
        let user_id =
            match users::insert(conn, email, &self.password_hash, self.email.local_part())? {
                Some(user) => user.id,
                None => users::id_by_email(conn, email)?,
            };
        users::add_membership(conn, user_id, tenant_id, Role::Owner)?;
        Ok(())
    }
}

/// Provisions a tenant (tenancy's one transaction, with its audit row),
/// with its owner when one is given. The tenant's own input is checked
/// before the password is hashed, so a typo costs nothing.
pub fn create_tenant(
    conn: &mut PgConnection,
    input: &NewTenant,
    owner: Option<&NewOwner>,
    base_domain: &str,
    migrations: &[TenantMigration],
    actor: &str,
) -> Result<CreateOutcome, AdminError> {
    provision::validate(input, base_domain)?;
    let owner = owner.map(Owner::prepare).transpose()?;
    let setup = |conn: &mut PgConnection, tenant_id: Uuid| match &owner {
        Some(owner) => owner.add_to(conn, tenant_id),
        None => Ok(()),
    };
    lifecycle::create(
        conn,
        input,
        base_domain,
        migrations,
        actor,
        &setup,
        owner.as_ref().map(|o| o.email.as_str()),
    )
}

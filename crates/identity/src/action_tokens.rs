//! Single-use tokens mailed to a person (password reset, email
//! verification), stored as SHA-256 and bound to the tenant whose site sent
//! them.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::secrets;
use super::tokens::Role;
use kernel::schema::public::action_tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    PasswordReset,
    EmailVerification,
    /// Joining a tenant with a role (`invitations`).
    Invitation,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailVerification => "email_verification",
            Purpose::Invitation => "invitation",
        }
    }

    /// A reset link is a key to the account: short-lived. A verification
    /// link only proves the address, so it may wait a couple of days; an
    /// invitation also needs the account's password, so it may wait a week.
    fn ttl(self) -> Duration {
        match self {
            Purpose::PasswordReset => Duration::hours(1),
            Purpose::EmailVerification => Duration::hours(48),
            Purpose::Invitation => Duration::days(7),
        }
    }
}

/// A new token for this purpose. Earlier unused ones of the same purpose stop
/// working, so only the latest mail's link is valid.
pub fn create(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
    purpose: Purpose,
) -> QueryResult<String> {
    create_with_role(conn, user_id, tenant_id, purpose, None)
}

/// An invitation to take `role` in the tenant.
pub fn create_invitation(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
    role: Role,
) -> QueryResult<String> {
    create_with_role(conn, user_id, tenant_id, Purpose::Invitation, Some(role))
}

fn create_with_role(
    conn: &mut PgConnection,
    user_id: Uuid,
    tenant_id: Uuid,
    purpose: Purpose,
    role: Option<Role>,
) -> QueryResult<String> {
    diesel::update(
        action_tokens::table
            .filter(action_tokens::user_id.eq(user_id))
            .filter(action_tokens::tenant_id.eq(tenant_id))
            .filter(action_tokens::purpose.eq(purpose.as_str()))
            .filter(action_tokens::used_at.is_null()),
    )
    .set(action_tokens::used_at.eq(diesel::dsl::now))
    .execute(conn)?;
    let token = secrets::generate();
    diesel::insert_into(action_tokens::table)
        .values((
            action_tokens::id.eq(Uuid::new_v4()),
            action_tokens::user_id.eq(user_id),
            action_tokens::tenant_id.eq(tenant_id),
            action_tokens::purpose.eq(purpose.as_str()),
            action_tokens::role.eq(role),
            action_tokens::token_hash.eq(&token.hash),
            action_tokens::expires_at.eq(Utc::now() + purpose.ttl()),
        ))
        .execute(conn)?;
    Ok(token.plain)
}

/// The account and role of a valid invitation here, without using it up.
pub fn invitation(
    conn: &mut PgConnection,
    token_hash: &[u8],
    tenant_id: Uuid,
) -> QueryResult<Option<(Uuid, Option<Role>)>> {
    action_tokens::table
        .filter(action_tokens::token_hash.eq(token_hash))
        .filter(action_tokens::tenant_id.eq(tenant_id))
        .filter(action_tokens::purpose.eq(Purpose::Invitation.as_str()))
        .filter(action_tokens::used_at.is_null())
        .filter(action_tokens::expires_at.gt(diesel::dsl::now))
        .select((action_tokens::user_id, action_tokens::role))
        .first(conn)
        .optional()
}

/// Whether a token is valid here now, without using it up: a cheap look
/// before costly work (hashing the new password), which `consume` confirms.
pub fn is_valid(
    conn: &mut PgConnection,
    token_hash: &[u8],
    tenant_id: Uuid,
    purpose: Purpose,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        action_tokens::table
            .filter(action_tokens::token_hash.eq(token_hash))
            .filter(action_tokens::tenant_id.eq(tenant_id))
            .filter(action_tokens::purpose.eq(purpose.as_str()))
            .filter(action_tokens::used_at.is_null())
            .filter(action_tokens::expires_at.gt(diesel::dsl::now)),
    ))
    .get_result(conn)
}

/// Uses up a token: returns its user when it is valid here (right tenant and
/// purpose, unused, unexpired). The row lock makes a second concurrent use
/// wait and then find it used.
pub fn consume(
    conn: &mut PgConnection,
    token_hash: &[u8],
    tenant_id: Uuid,
    purpose: Purpose,
) -> QueryResult<Option<Uuid>> {
    let found: Option<(Uuid, Uuid)> = action_tokens::table
        .filter(action_tokens::token_hash.eq(token_hash))
        .filter(action_tokens::tenant_id.eq(tenant_id))
        .filter(action_tokens::purpose.eq(purpose.as_str()))
        .filter(action_tokens::used_at.is_null())
        .filter(action_tokens::expires_at.gt(diesel::dsl::now))
        .select((action_tokens::id, action_tokens::user_id))
        .for_update()
        .first(conn)
        .optional()?;
    let Some((id, user_id)) = found else {
        return Ok(None);
    };
    diesel::update(action_tokens::table.find(id))
        .set(action_tokens::used_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(Some(user_id))
}

//! Sign-in sessions of the web pages. A page session is an ordinary
//! sign-in session (a refresh-token family, started by `session::login` or
//! a sign-up link): the browser keeps the family's refresh token in an
//! HttpOnly cookie and the pages never rotate it. Each page request looks
//! the token up here, so `session::logout`, a password reset or a closed
//! account ends the page session at once, with no second store of
//! sessions to keep in step.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::customer_accounts;
use super::errors::AuthError;
use super::refresh::Account;
use super::secrets::hash_presented;
use super::tokens::{AuthUser, Role};
use super::users;
use kernel::db::{self, DbPool};
use kernel::schema::public::refresh_tokens;
use tenancy::Tenant;

/// Who a page session signs in, as the database says now.
#[derive(Debug, Clone)]
pub struct Holder {
    pub account: Account,
    pub role: Role,
    pub name: String,
    pub email: String,
    /// The refresh-token family: the sign-in session.
    pub session_id: Uuid,
    pub tenant_id: Uuid,
}

impl Holder {
    /// The same signed-in user an access token of this session would
    /// name, for the operations that record who acted.
    pub fn auth_user(&self) -> AuthUser {
        AuthUser {
            user_id: self.account.id(),
            tenant_id: self.tenant_id,
            role: self.role,
            session_id: Some(self.session_id),
        }
    }
}

/// What a stored token says about itself.
#[derive(Debug, Clone, Copy)]
pub struct TokenState {
    pub tenant_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub rotated: bool,
    pub revoked: bool,
}

/// Whether a stored token still signs in on `tenant_id` at `now`. A token
/// of another tenant is worthless here; a rotated one was exchanged
/// through the API, and its successor, not it, carries the session on.
pub fn usable(t: &TokenState, tenant_id: Uuid, now: DateTime<Utc>) -> bool {
    t.tenant_id == tenant_id && !t.revoked && !t.rotated && t.expires_at > now
}

type Row = (
    Uuid,
    Option<Uuid>,
    Option<Uuid>,
    Uuid,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// The holder of a token, checked on the tenant. Runs in the tenant's
/// transaction: a customer account lives in its schema.
pub fn holder(
    conn: &mut PgConnection,
    token_hash: &[u8],
    tenant_id: Uuid,
) -> QueryResult<Option<Holder>> {
    let found: Option<Row> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((
            refresh_tokens::family_id,
            refresh_tokens::user_id,
            refresh_tokens::customer_id,
            refresh_tokens::tenant_id,
            refresh_tokens::expires_at,
            refresh_tokens::rotated_at,
            refresh_tokens::revoked_at,
        ))
        .first(conn)
        .optional()?;
    let Some((family, user_id, customer_id, token_tenant, expires_at, rotated, revoked)) = found
    else {
        return Ok(None);
    };
    let state = TokenState {
        tenant_id: token_tenant,
        expires_at,
        rotated: rotated.is_some(),
        revoked: revoked.is_some(),
    };
    if !usable(&state, tenant_id, Utc::now()) {
        return Ok(None);
    }
    let holder = |account, role, name, email| Holder {
        account,
        role,
        name,
        email,
        session_id: family,
        tenant_id,
    };
    Ok(match (user_id, customer_id) {
        (Some(id), None) => users::find_member_by_id(conn, id, tenant_id)?
            .map(|(user, role)| holder(Account::Member(id), role, user.name, user.email)),
        (None, Some(id)) => customer_accounts::find(conn, id)?.map(|account| {
            holder(
                Account::Customer(id),
                Role::Customer,
                account.name,
                account.email,
            )
        }),
        _ => None,
    })
}

/// Who the presented cookie value signs in on this tenant, if anyone.
/// Not cached: a page request with a session costs one indexed look-up,
/// and a signed-out cookie stops working with the very next request.
pub async fn resume(
    pool: &DbPool,
    tenant: &Tenant,
    presented: &str,
) -> Result<Option<Holder>, AuthError> {
    let Some(hash) = hash_presented(presented) else {
        return Ok(None);
    };
    let tenant_id = tenant.id;
    db::tenant_tx_as::<_, AuthError, _>(pool, &tenant.schema, move |conn| {
        Ok(holder(conn, &hash, tenant_id)?)
    })
    .await
}

#[cfg(test)]
#[path = "page_session_test.rs"]
mod tests;

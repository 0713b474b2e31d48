//! Signing in and staying signed in: login, refresh, logout, who am I.

use std::net::IpAddr;

use diesel::{PgConnection, QueryResult};
use uuid::Uuid;

use super::customer_accounts::{self, AccountRow};
use super::errors::AuthError;
use super::input::{self, AccountKind, LoginBody};
use super::password::{dummy_hash, verify_blocking};
use super::phone_logins;
use super::refresh::{self, Account, IssuedRefresh, Rotation};
use super::secrets::hash_presented;
use super::tokens::{AuthUser, Role};
use super::users::{self, UserRow};
use super::views::{Me, TenantView, TokenPair, UserView};
use crate::ratelimit::{check_in, forgive, AuthAction};
use crate::AuthCtx;
use kernel::db;
use tenancy::Tenant;

/// An access token for a refresh token just stored, in its session (the
/// refresh token's family), so signing that session out ends both.
pub fn token_pair(
    cx: &AuthCtx<'_>,
    user_id: Uuid,
    tenant_id: Uuid,
    role: Role,
    refresh_token: IssuedRefresh,
) -> Result<TokenPair, AuthError> {
    Ok(TokenPair {
        access_token: cx.keys.issue_for_session(
            user_id,
            tenant_id,
            role,
            refresh_token.family_id,
        )?,
        refresh_token: refresh_token.plain,
        token_type: "Bearer",
        expires_in: cx.keys.ttl_secs,
    })
}

/// An account that may sign in here, with the hash its password must match.
enum Candidate {
    Member(UserRow, Role),
    Customer(AccountRow),
}

impl Candidate {
    fn password_hash(&self) -> &str {
        match self {
            Candidate::Member(user, _) => &user.password_hash,
            Candidate::Customer(account) => &account.password_hash,
        }
    }

    fn account_and_role(&self) -> (Account, Role) {
        match self {
            Candidate::Member(user, role) => (Account::Member(user.id), *role),
            Candidate::Customer(account) => {
                (Account::Customer(account.customer_id), Role::Customer)
            }
        }
    }
}

/// The one account a sign-in is checked against (one hash per attempt):
/// the kind asked for, else the staff account when the address has one
/// here, else the customer account.
fn candidate(
    conn: &mut PgConnection,
    email: &str,
    tenant_id: Uuid,
    kind: Option<AccountKind>,
) -> QueryResult<Option<Candidate>> {
    if kind != Some(AccountKind::Customer) {
        if let Some((user, role)) = users::find_member(conn, email, tenant_id)? {
            return Ok(Some(Candidate::Member(user, role)));
        }
    }
    if kind == Some(AccountKind::Staff) {
        return Ok(None);
    }
    Ok(customer_accounts::find_by_email(conn, email)?.map(Candidate::Customer))
}

/// Staff of this tenant and its own customer accounts may sign in on its
/// site. Every refusal looks the same and takes about as long (a missing
/// account is checked against a dummy hash), so the answer does not tell
/// which accounts exist.
pub async fn login(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    client: Option<IpAddr>,
    body: LoginBody,
) -> Result<TokenPair, AuthError> {
    let email = input::lookup_email(&body.email);
    // Counted before the hash (concurrent guesses cannot slip past the
    // limit), taken back below if the password is right.
    let counted = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::Login,
        client,
        Some(&email),
    )
    .await?;
    let tenant_id = tenant.id;
    let kind = body.account;
    let found = db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
        Ok(candidate(conn, &email, tenant_id, kind)?)
    })
    .await?;
    let stored = found.as_ref().map_or_else(
        || dummy_hash().to_string(),
        |c| c.password_hash().to_string(),
    );
    let password_ok = verify_blocking(body.password, stored).await?;
    let Some(found) = found.filter(|_| password_ok) else {
        return Err(AuthError::InvalidCredentials);
    };
    forgive(cx.redis, counted).await;
    let (account, role) = found.account_and_role();
    start_session(cx, tenant_id, account, role).await
}

/// A new sign-in session for an account that just proved itself.
pub async fn start_session(
    cx: &AuthCtx<'_>,
    tenant_id: Uuid,
    account: Account,
    role: Role,
) -> Result<TokenPair, AuthError> {
    let ttl_days = cx.settings.refresh_token_ttl_days;
    let refresh_token = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(refresh::issue(conn, account, tenant_id, None, ttl_days)?)
    })
    .await?;
    token_pair(cx, account.id(), tenant_id, role, refresh_token)
}

pub async fn refresh(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    presented: &str,
) -> Result<TokenPair, AuthError> {
    let hash = hash_presented(presented).ok_or(AuthError::InvalidRefreshToken)?;
    let tenant_id = tenant.id;
    let ttl_days = cx.settings.refresh_token_ttl_days;
    // The transaction commits whatever the outcome: a reuse must leave the
    // family revoked even though the request fails. It runs on the
    // tenant's schema, where a customer account is checked.
    let rotation = db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
        Ok(refresh::rotate(conn, &hash, tenant_id, ttl_days)?)
    })
    .await?;
    match rotation {
        Rotation::Rotated {
            account,
            role,
            refresh_token,
        } => token_pair(cx, account.id(), tenant_id, role, refresh_token),
        Rotation::Reused => {
            tracing::warn!(tenant = %tenant.slug, "refresh token reused; its family is revoked");
            Err(AuthError::RefreshTokenReused)
        }
        Rotation::Invalid => Err(AuthError::InvalidRefreshToken),
    }
}

/// Signs out the session of this refresh token. Succeeds whatever the token,
/// so signing out twice is not an error. The session's access tokens are
/// refused once the servers' access checks look again (a few seconds).
pub async fn logout(cx: &AuthCtx<'_>, tenant: &Tenant, presented: &str) -> Result<(), AuthError> {
    let Some(hash) = hash_presented(presented) else {
        return Ok(());
    };
    let tenant_id = tenant.id;
    db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(refresh::revoke_family_of(conn, &hash, tenant_id)?)
    })
    .await?;
    Ok(())
}

/// The signed-in staff account with its current role here (read from the
/// database, so a role change shows before the token expires). A customer
/// account's view is the customers capability's (`customers::accounts`).
pub async fn me(cx: &AuthCtx<'_>, tenant: &Tenant, user: &AuthUser) -> Result<Me, AuthError> {
    let tenant_id = tenant.id;
    let user = match Account::of(user.user_id, user.role) {
        Account::Member(user_id) => {
            let found = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
                Ok(users::find_member_by_id(conn, user_id, tenant_id)?)
            })
            .await?;
            let (row, role) = found.ok_or(AuthError::AccountGone)?;
            UserView::new(&row, role)
        }
        Account::Customer(customer_id) => {
            db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
                if let Some(account) = customer_accounts::find(conn, customer_id)? {
                    return Ok(UserView::customer(&account));
                }
                let (name, email, phone) =
                    phone_logins::view(conn, customer_id)?.ok_or(AuthError::AccountGone)?;
                Ok(UserView::phone_customer(customer_id, name, email, phone))
            })
            .await?
        }
    };
    Ok(Me {
        user,
        tenant: TenantView::from(tenant),
    })
}

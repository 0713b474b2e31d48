//! Signing in and staying signed in: login, refresh, logout, who am I.

use std::net::IpAddr;

use diesel::Connection;
use uuid::Uuid;

use super::errors::AuthError;
use super::input::{self, LoginBody};
use super::password::{dummy_hash, verify_blocking};
use super::refresh::{self, IssuedRefresh, Rotation};
use super::secrets::hash_presented;
use super::tokens::{AuthUser, Role};
use super::users;
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

/// Only members of this tenant may sign in on its site. Every refusal looks
/// the same and takes about as long (a missing account is checked against a
/// dummy hash), so the answer does not tell which accounts exist.
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
    let member = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(users::find_member(conn, &email, tenant_id)?)
    })
    .await?;
    let stored = member.as_ref().map_or_else(
        || dummy_hash().to_string(),
        |(u, _)| u.password_hash.clone(),
    );
    let password_ok = verify_blocking(body.password, stored).await?;
    let Some((user, role)) = member.filter(|_| password_ok) else {
        return Err(AuthError::InvalidCredentials);
    };
    forgive(cx.redis, counted).await;
    let ttl_days = cx.settings.refresh_token_ttl_days;
    let user_id = user.id;
    let refresh_token = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(refresh::issue(conn, user_id, tenant_id, None, ttl_days)?)
    })
    .await?;
    token_pair(cx, user_id, tenant_id, role, refresh_token)
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
    // family revoked even though the request fails.
    let rotation = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(conn.transaction(|conn| refresh::rotate(conn, &hash, tenant_id, ttl_days))?)
    })
    .await?;
    match rotation {
        Rotation::Rotated {
            user_id,
            role,
            refresh_token,
        } => token_pair(cx, user_id, tenant_id, role, refresh_token),
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

/// The signed-in account with its current role here (read from the
/// database, so a role change shows before the token expires).
pub async fn me(cx: &AuthCtx<'_>, tenant: &Tenant, user: &AuthUser) -> Result<Me, AuthError> {
    let (user_id, tenant_id) = (user.user_id, tenant.id);
    let found = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(users::find_member_by_id(conn, user_id, tenant_id)?)
    })
    .await?;
    let (row, role) = found.ok_or(AuthError::AccountGone)?;
    Ok(Me {
        user: UserView::new(&row, role),
        tenant: TenantView::from(tenant),
    })
}

//! Proving control of the email address: password reset and email
//! verification, both by a single-use token mailed through the outbox.

use std::net::IpAddr;

use diesel::{Connection, PgConnection, QueryResult};
use uuid::Uuid;

use super::action_tokens::{self, Purpose};
use super::customer_accounts::{self, AccountRow};
use super::errors::AuthError;
use super::input::{self, AccountKind, ResetConfirmBody, ResetRequestBody};
use super::password::hash_blocking;
use super::refresh::{self, Account};
use super::secrets::hash_presented;
use super::tokens::{AuthUser, Role};
use super::users::{self, UserRow};
use super::verification::send_verification;
use crate::ratelimit::{check_in, AuthAction};
use crate::AuthCtx;
use kernel::db;
use notify::mail::{self, Mail};
use tenancy::Site;
use tenancy::Tenant;

/// Whose password a reset request is for, as in login: the kind asked
/// for, else the staff account when the address has one here, else the
/// customer account.
enum ResetFor {
    Member(UserRow),
    Customer(AccountRow),
}

fn reset_for(
    conn: &mut PgConnection,
    email: &str,
    tenant_id: Uuid,
    kind: Option<AccountKind>,
) -> QueryResult<Option<ResetFor>> {
    if kind != Some(AccountKind::Customer) {
        if let Some((user, _)) = users::find_member(conn, email, tenant_id)? {
            return Ok(Some(ResetFor::Member(user)));
        }
    }
    if kind == Some(AccountKind::Staff) {
        return Ok(None);
    }
    Ok(customer_accounts::find_by_email(conn, email)?.map(ResetFor::Customer))
}

/// Mails a reset link when the address has an account here. The caller
/// answers the same either way, so nobody learns which addresses have
/// accounts here.
pub async fn request_reset(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    site: &Site,
    client: Option<IpAddr>,
    body: ResetRequestBody,
) -> Result<(), AuthError> {
    let email = input::email(&body.email)?;
    // Every request counts, found or not: each may send a mail.
    let _ = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::PasswordReset,
        client,
        Some(email.as_str()),
    )
    .await?;
    let tenant_id = tenant.id;
    let site = site.clone();
    let site_name = tenant.name.clone();
    let kind = body.account;
    db::tenant_tx_as(cx.pool, &tenant.schema, move |conn| {
        let (token, to, name) = match reset_for(conn, email.as_str(), tenant_id, kind)? {
            None => return Ok(()),
            Some(ResetFor::Member(user)) => (
                action_tokens::create(conn, user.id, tenant_id, Purpose::PasswordReset)?,
                user.email,
                user.name,
            ),
            Some(ResetFor::Customer(account)) => (
                customer_accounts::create_reset(conn, &account)?,
                account.email,
                account.name,
            ),
        };
        mail::enqueue(
            conn,
            tenant_id,
            &Mail::PasswordReset {
                to,
                name,
                site_name,
                link: site.link("/reset-password", &token),
            },
        )?;
        Ok(())
    })
    .await
}

/// Sets the new password, uses up the token, signs the account out
/// everywhere (its access tokens too, within the access checks' few
/// seconds) and tells the owner. A staff account's address counts as
/// verified (the link reached it).
/// Anyone may call it, so it is limited per client address, and the token
/// is looked up before the password is hashed: a bad token costs a query,
/// never a hash.
pub async fn confirm_reset(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    client: Option<IpAddr>,
    body: ResetConfirmBody,
) -> Result<(), AuthError> {
    input::new_password(&body.password)?;
    let token_hash = hash_presented(&body.token).ok_or(AuthError::InvalidResetToken)?;
    let _ = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::ResetConfirm,
        client,
        None,
    )
    .await?;
    let tenant_id = tenant.id;
    let lookup = token_hash.clone();
    let valid = db::tenant_tx_as::<_, AuthError, _>(cx.pool, &tenant.schema, move |conn| {
        Ok(customer_accounts::reset_is_valid(conn, &lookup)?
            || action_tokens::is_valid(conn, &lookup, tenant_id, Purpose::PasswordReset)?)
    })
    .await?;
    if !valid {
        return Err(AuthError::InvalidResetToken);
    }
    let password_hash = hash_blocking(body.password).await?;
    let site_name = tenant.name.clone();
    db::tenant_tx_as(cx.pool, &tenant.schema, move |conn| {
        let (to, name) =
            if let Some(customer_id) = customer_accounts::consume_reset(conn, &token_hash)? {
                let account = customer_accounts::set_password(conn, customer_id, &password_hash)?
                    .ok_or(AuthError::InvalidResetToken)?;
                refresh::revoke_all(conn, Account::Customer(customer_id))?;
                (account.email, account.name)
            } else if let Some(user_id) =
                action_tokens::consume(conn, &token_hash, tenant_id, Purpose::PasswordReset)?
            {
                let user = users::set_password(conn, user_id, &password_hash)?;
                users::mark_verified(conn, user_id)?;
                refresh::revoke_all(conn, Account::Member(user_id))?;
                (user.email, user.name)
            } else {
                return Err(AuthError::InvalidResetToken);
            };
        mail::enqueue(
            conn,
            tenant_id,
            &Mail::PasswordChanged {
                to,
                name,
                site_name,
            },
        )?;
        Ok(())
    })
    .await
}

pub async fn verify_email(cx: &AuthCtx<'_>, tenant: &Tenant, token: &str) -> Result<(), AuthError> {
    let token_hash = hash_presented(token).ok_or(AuthError::InvalidVerificationToken)?;
    let tenant_id = tenant.id;
    db::run_as(cx.pool, move |conn| {
        conn.transaction(|conn| {
            let Some(user_id) =
                action_tokens::consume(conn, &token_hash, tenant_id, Purpose::EmailVerification)?
            else {
                return Err(AuthError::InvalidVerificationToken);
            };
            users::mark_verified(conn, user_id)?;
            Ok(())
        })
    })
    .await
}

/// A new verification mail for the signed-in account (the old link stops
/// working). Limited like the other mail-sending doors.
pub async fn resend_verification(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    site: &Site,
    client: Option<IpAddr>,
    user: &AuthUser,
) -> Result<(), AuthError> {
    // A customer account exists only once its address answered the
    // sign-up mail.
    if user.role == Role::Customer {
        return Err(AuthError::AlreadyVerified);
    }
    let account = user.user_id.to_string();
    let _ = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::VerificationMail,
        client,
        Some(&account),
    )
    .await?;
    let (user_id, tenant_id) = (user.user_id, tenant.id);
    let site = site.clone();
    db::run_as(cx.pool, move |conn| {
        conn.transaction(|conn| {
            let (user, _) = users::find_member_by_id(conn, user_id, tenant_id)?
                .ok_or(AuthError::AccountGone)?;
            if user.email_verified_at.is_some() {
                return Err(AuthError::AlreadyVerified);
            }
            send_verification(conn, &site, &user)?;
            Ok(())
        })
    })
    .await
}

//! Invitations: a role in a tenant offered to an existing platform account.
//! Nothing is attached to an account on someone's word: accepting takes the
//! mailed link (the mailbox) and the account's password (the account), so
//! neither a mistyped address nor an account someone else registered with
//! that address gains the role.

use std::net::IpAddr;

use diesel::{Connection, PgConnection, QueryResult};

use super::action_tokens::{self, Purpose};
use super::errors::AuthError;
use super::input::InvitationBody;
use super::password::{dummy_hash, verify_blocking};
use super::ratelimit::{check_in, forgive, AuthAction};
use super::refresh::Account;
use super::secrets::hash_presented;
use super::session::start_session;
use super::tokens::Role;
use super::users::{self, UserRow};
use super::views::TokenPair;
use crate::AuthCtx;
use kernel::db;
use notify::mail::{self, Mail};
use tenancy::{Site, Tenant};

/// Mails `user` an invitation to take `role` on the site, in the caller's
/// transaction.
pub fn invite(conn: &mut PgConnection, site: &Site, user: &UserRow, role: Role) -> QueryResult<()> {
    let tenant = &site.tenant;
    let token = action_tokens::create_invitation(conn, user.id, tenant.id, role)?;
    let link = site.link("/accept-invitation", &token);
    let text = format!(
        "Hello {name},\n\n\
         You are invited to join {site} as {role}. To accept, open this link \
         and sign in with the password of your account ({email}):\n\n\
         {link}\n\n\
         The link works for 7 days. If you did not expect this, ignore this message: \
         nothing changes until the invitation is accepted.\n",
        name = user.name,
        site = tenant.name,
        role = role.as_str(),
        email = user.email,
    );
    mail::enqueue(
        conn,
        tenant.id,
        &Mail::Plain {
            to: user.email.clone(),
            subject: format!("You are invited to join {}", tenant.name),
            text,
            calendar: None,
        },
    )?;
    Ok(())
}

/// Accepts an invitation: the account's password must be right. The role
/// is added, the address counts as verified (the link reached it), and the
/// answer signs the account in here.
pub async fn accept(
    cx: &AuthCtx<'_>,
    tenant: &Tenant,
    client: Option<IpAddr>,
    body: InvitationBody,
) -> Result<TokenPair, AuthError> {
    let token_hash = hash_presented(&body.token).ok_or(AuthError::InvalidInvitation)?;
    let counted = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::Login,
        client,
        None,
    )
    .await?;
    let tenant_id = tenant.id;
    let lookup = token_hash.clone();
    let invited = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        let Some((user_id, role)) = action_tokens::invitation(conn, &lookup, tenant_id)? else {
            return Ok(None);
        };
        Ok(users::find_by_id(conn, user_id)?.zip(role))
    })
    .await?;
    // A bad link costs a dummy hash too: the answer takes as long either way.
    let stored = invited.as_ref().map_or_else(
        || dummy_hash().to_string(),
        |(user, _)| user.password_hash.clone(),
    );
    let password_ok = verify_blocking(body.password, stored).await?;
    let Some((user, role)) = invited else {
        return Err(AuthError::InvalidInvitation);
    };
    if !password_ok {
        return Err(AuthError::InvalidCredentials);
    }
    forgive(cx.redis, counted).await;
    let user_id = user.id;
    let role = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        conn.transaction(|conn| {
            if action_tokens::consume(conn, &token_hash, tenant_id, Purpose::Invitation)?.is_none()
            {
                return Err(AuthError::InvalidInvitation);
            }
            // Someone already a member keeps the role they have.
            users::add_membership(conn, user_id, tenant_id, role)?;
            users::mark_verified(conn, user_id)?;
            users::role_in(conn, user_id, tenant_id)?.ok_or(AuthError::InvalidInvitation)
        })
    })
    .await?;
    start_session(cx, tenant_id, Account::Member(user_id), role).await
}

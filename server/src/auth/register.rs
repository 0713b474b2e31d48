//! Self-registration of a customer on a tenant's site: an account (or the
//! person's existing platform account), the customer role here, a row in the
//! tenant's customers, a verification mail and a session, in one tenant
//! transaction; a failure anywhere leaves none of it.

use std::net::IpAddr;

use diesel::PgConnection;
use uuid::Uuid;

use super::action_tokens::{self, Purpose};
use super::errors::{email_taken_elsewhere, email_taken_here};
use super::input::{self, RegisterBody};
use super::password::{hash_blocking, verify_blocking};
use super::refresh;
use super::request_context::SiteUrl;
use super::session::token_pair;
use super::tokens::Role;
use super::users::{self, UserRow};
use super::views::{Registered, UserView};
use crate::customers::links::ensure_customer;
use crate::db;
use crate::error::AppResult;
use crate::notify::mail::{self, Mail};
use crate::ratelimit::auth::{check, AuthAction};
use crate::state::AppState;
use crate::tenancy::Tenant;

enum Account {
    New {
        password_hash: String,
    },
    /// A platform account from another site whose owner proved the password.
    Existing(UserRow),
}

pub async fn register(
    state: &AppState,
    tenant: &Tenant,
    site: &SiteUrl,
    client: Option<IpAddr>,
    body: RegisterBody,
) -> AppResult<Registered> {
    let email = input::email(&body.email)?;
    let name = input::person_name(&body.name)?;
    input::new_password(&body.password)?;
    check(
        &state.redis,
        &state.settings,
        AuthAction::Register,
        client,
        Some(&email),
    )
    .await?;

    let tenant_id = tenant.id;
    let lookup = email.clone();
    let existing = db::run(&state.pool, move |conn| {
        Ok(users::find_with_role(conn, &lookup, tenant_id)?)
    })
    .await?;
    let account = match existing {
        Some((_, Some(_))) => return Err(email_taken_here()),
        Some((user, None)) => {
            if !verify_blocking(body.password, user.password_hash.clone()).await? {
                return Err(email_taken_elsewhere());
            }
            Account::Existing(user)
        }
        None => Account::New {
            password_hash: hash_blocking(body.password).await?,
        },
    };

    let site = site.clone();
    let site_name = tenant.name.clone();
    let ttl_days = state.settings.refresh_token_ttl_days;
    let (user, refresh_token) = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let user = match account {
            Account::New { password_hash } => users::insert(conn, &email, &password_hash, &name)?
                // Someone registered this email between our look-up and now.
                .ok_or_else(email_taken_here)?,
            Account::Existing(user) => user,
        };
        if !users::add_membership(conn, user.id, tenant_id, Role::Customer)? {
            return Err(email_taken_here());
        }
        ensure_customer(conn, user.id, &name, &email)?;
        if user.email_verified_at.is_none() {
            send_verification(conn, tenant_id, &site, &site_name, &user)?;
        }
        let refresh_token = refresh::issue(conn, user.id, tenant_id, None, ttl_days)?;
        Ok((user, refresh_token))
    })
    .await?;
    Ok(Registered {
        user: UserView::new(&user, Role::Customer),
        tokens: token_pair(state, user.id, tenant_id, Role::Customer, refresh_token)?,
    })
}

/// A fresh verification token and its mail, queued in the caller's transaction.
pub(super) fn send_verification(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    site: &SiteUrl,
    site_name: &str,
    user: &UserRow,
) -> diesel::QueryResult<()> {
    let token = action_tokens::create(conn, user.id, tenant_id, Purpose::EmailVerification)?;
    mail::enqueue(
        conn,
        tenant_id,
        &Mail::VerifyEmail {
            to: user.email.clone(),
            name: user.name.clone(),
            site_name: site_name.to_string(),
            link: site.link("/verify-email", &token),
        },
    )?;
    Ok(())
}

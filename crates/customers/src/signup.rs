//! Self-registration of a customer on a tenant's site: an account (or the
//! person's existing platform account), the customer role here, a row in the
//! tenant's customers, a verification mail and a session, in one tenant
//! transaction; a failure anywhere leaves none of it.

use std::net::IpAddr;

use identity::errors::{email_taken_elsewhere, email_taken_here};
use identity::input::{self, RegisterBody};
use identity::password::{hash_blocking, verify_blocking};
use identity::ratelimit::{check, AuthAction};
use identity::session::token_pair;
use identity::users::{self, UserRow};
use identity::verification::send_verification;
use identity::views::{Registered, UserView};
use identity::{refresh, AuthCtx, Role};
use kernel::db;
use kernel::error::AppResult;
use tenancy::Site;

use crate::links::ensure_customer;

enum Account {
    New {
        password_hash: String,
    },
    /// A platform account from another site whose owner proved the password.
    Existing(UserRow),
}

pub async fn register(
    cx: &AuthCtx<'_>,
    site: &Site,
    client: Option<IpAddr>,
    body: RegisterBody,
) -> AppResult<Registered> {
    let email = input::email(&body.email)?;
    let name = input::person_name(&body.name)?;
    input::new_password(&body.password)?;
    check(
        cx.redis,
        cx.settings,
        AuthAction::Register,
        client,
        Some(&email),
    )
    .await?;

    let tenant = &site.tenant;
    let tenant_id = tenant.id;
    let lookup = email.clone();
    let existing = db::run(cx.pool, move |conn| {
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
    let ttl_days = cx.settings.refresh_token_ttl_days;
    let (user, refresh_token) = db::tenant_tx(cx.pool, &tenant.schema, move |conn| {
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
            send_verification(conn, &site, &user)?;
        }
        let refresh_token = refresh::issue(conn, user.id, tenant_id, None, ttl_days)?;
        Ok((user, refresh_token))
    })
    .await?;
    Ok(Registered {
        user: UserView::new(&user, Role::Customer),
        tokens: token_pair(cx, user.id, tenant_id, Role::Customer, refresh_token)?,
    })
}

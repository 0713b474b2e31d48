//! Self-registration of a customer on a tenant's site: an account (or the
//! person's existing platform account), the customer role here, a row in the
//! tenant's customers, a verification mail and a session, in one tenant
//! transaction; a failure anywhere leaves none of it.

use std::net::IpAddr;

use identity::errors::AuthError;
use identity::input::{self, RegisterBody};
use identity::password::{hash_blocking, verify_blocking};
use identity::ratelimit::{check_in, AuthAction};
use identity::session::token_pair;
use identity::users::{self, UserRow};
use identity::verification::send_verification;
use identity::views::{Registered, UserView};
use identity::{refresh, AuthCtx, Role};
use kernel::db;
use kernel::error::AppError;
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
) -> Result<Registered, AuthError> {
    let email = input::email(&body.email)?;
    let name = input::person_name(&body.name)?;
    input::new_password(&body.password)?;
    let tenant = &site.tenant;
    // Every sign-up counts (each sends a mail), so the count is kept.
    let _counted = check_in(
        cx.redis,
        cx.settings,
        tenant.id,
        AuthAction::Register,
        client,
        Some(email.as_str()),
    )
    .await?;

    let tenant_id = tenant.id;
    let lookup = email.clone();
    let existing = db::run_as::<_, AuthError, _>(cx.pool, move |conn| {
        Ok(users::find_with_role(conn, lookup.as_str(), tenant_id)?)
    })
    .await?;
    let account = match existing {
        Some((_, Some(_))) => return Err(AuthError::EmailTakenHere),
        Some((user, None)) => {
            if !verify_blocking(body.password, user.password_hash.clone()).await? {
                return Err(AuthError::EmailTakenElsewhere);
            }
            Account::Existing(user)
        }
        None => Account::New {
            password_hash: hash_blocking(body.password).await?,
        },
    };

    let site = site.clone();
    let ttl_days = cx.settings.refresh_token_ttl_days;
    let (user, refresh_token) = db::tenant_tx_as(cx.pool, &tenant.schema, move |conn| {
        let user = match account {
            Account::New { password_hash } => {
                users::insert(conn, email.as_str(), &password_hash, name.as_str())?
                    // Someone registered this email between our look-up and now.
                    .ok_or(AuthError::EmailTakenHere)?
            }
            Account::Existing(user) => user,
        };
        if !users::add_membership(conn, user.id, tenant_id, Role::Customer)? {
            return Err(AuthError::EmailTakenHere);
        }
        // Only the database can fail here; its error answers as anywhere.
        ensure_customer(conn, user.id, &name, &email).map_err(AppError::from)?;
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

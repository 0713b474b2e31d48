//! Customer sign-up on a tenant's site. Registering never reveals whether
//! an address is known: every valid request answers the same, and the mail
//! decides. A new address gets a link; following it proves the address, and
//! only then is the account opened, on the person's existing record (their
//! guest bookings, or the one staff made) or on a new one. An address that
//! has an account already is told so by mail, with where to sign in.

use std::net::IpAddr;

use identity::customer_accounts::{self, PendingSignup};
use identity::errors::AuthError;
use identity::input::{self, RegisterBody, TokenBody};
use identity::password::hash_blocking;
use identity::ratelimit::{check_in, AuthAction};
use identity::secrets::hash_presented;
use identity::session::token_pair;
use identity::views::{Registered, UserView};
use identity::{refresh, Account, AuthCtx, Role};
use kernel::db;
use kernel::error::AppError;
use kernel::values::{Email, PersonName};
use notify::mail::{self, Mail};
use tenancy::Site;

use crate::links::claim_or_create;

/// Takes a sign-up: mails the link that completes it, or tells an address
/// that has an account already. Answers the same either way.
pub async fn register(
    cx: &AuthCtx<'_>,
    site: &Site,
    client: Option<IpAddr>,
    body: RegisterBody,
) -> Result<(), AuthError> {
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
    // Hashed whatever the address, so the answer takes as long for a known
    // one as for a new one.
    let password_hash = hash_blocking(body.password).await?;
    let signup = PendingSignup {
        email: email.as_str().to_string(),
        name: name.as_str().to_string(),
        password_hash,
        marketing_consent: body.marketing_consent,
    };
    let site = site.clone();
    db::tenant_tx_as(cx.pool, &tenant.schema, move |conn| {
        let mail = match customer_accounts::find_by_email(conn, &signup.email)? {
            Some(account) => account_exists(&site, &account.email, &account.name),
            None => {
                let token = customer_accounts::create_signup(conn, &signup)?;
                Mail::VerifyEmail {
                    to: signup.email.clone(),
                    name: signup.name.clone(),
                    site_name: site.tenant.name.clone(),
                    link: site.link("/account/confirm", &token),
                }
            }
        };
        mail::enqueue(conn, site.tenant.id, &mail)?;
        Ok(())
    })
    .await
}

fn account_exists(site: &Site, to: &str, name: &str) -> Mail {
    let base = &site.base_url;
    let site_name = &site.tenant.name;
    Mail::Plain {
        to: to.to_string(),
        subject: format!("Your account on {site_name}"),
        text: format!(
            "Hello {name},\n\n\
             Someone, perhaps you, asked to create an account on {site_name} with this \
             address, which has one already. Sign in at {base}/account/login; if you have \
             forgotten your password, ask for a new one at {base}/account/reset.\n\n\
             If it was not you, ignore this message: nothing has changed.\n"
        ),
        calendar: None,
    }
}

/// Completes a sign-up from its mailed link: opens the account and signs
/// it in. The link's address is proven now, so the account may open the
/// person's existing record.
pub async fn confirm(
    cx: &AuthCtx<'_>,
    site: &Site,
    body: TokenBody,
) -> Result<Registered, AuthError> {
    let token_hash = hash_presented(&body.token).ok_or(AuthError::InvalidSignupLink)?;
    let tenant_id = site.tenant.id;
    let ttl_days = cx.settings.refresh_token_ttl_days;
    let (account, refresh_token) = db::tenant_tx_as(cx.pool, &site.tenant.schema, move |conn| {
        let signup = customer_accounts::consume_signup(conn, &token_hash)?
            .ok_or(AuthError::InvalidSignupLink)?;
        // Another link of the address won the race: that account stays.
        if customer_accounts::find_by_email(conn, &signup.email)?.is_some() {
            return Err(AuthError::InvalidSignupLink);
        }
        let (email, name) = stored_values(&signup)?;
        // Only the database can fail here; its error answers as anywhere.
        let customer_id = claim_or_create(conn, &name, &email, signup.marketing_consent)
            .map_err(AppError::from)?;
        if !customer_accounts::open(conn, customer_id, &signup.email, &signup.password_hash)? {
            // The record opens another account already (its contact
            // email was changed since).
            return Err(AuthError::InvalidSignupLink);
        }
        let account =
            customer_accounts::find(conn, customer_id)?.ok_or(AuthError::InvalidSignupLink)?;
        let account_ref = Account::Customer(customer_id);
        let refresh_token = refresh::issue(conn, account_ref, tenant_id, None, ttl_days)?;
        Ok((account, refresh_token))
    })
    .await?;
    Ok(Registered {
        user: UserView::customer(&account),
        tokens: token_pair(
            cx,
            account.customer_id,
            tenant_id,
            Role::Customer,
            refresh_token,
        )?,
    })
}

/// The sign-up's values, checked again as the record will hold them
/// (they passed at registration; a failure here is the platform's).
fn stored_values(signup: &PendingSignup) -> Result<(Email, PersonName), AuthError> {
    let email = Email::parse(&signup.email).map_err(AppError::internal)?;
    let name = PersonName::parse(&signup.name).map_err(AppError::internal)?;
    Ok((email, name))
}

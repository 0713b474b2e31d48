//! Limits on the sign-in doors (login, register, password reset), built so
//! that an attacker cannot turn them against an account's owner:
//!
//! - strict limits per client address and per (account, client address): a
//!   source trying many accounts, or one account many times, is refused;
//! - per account from every address only a slow-down: a refusal there would
//!   let anyone lock the owner out by failing on purpose from elsewhere;
//! - a login that succeeds takes its attempt back, so only failures count;
//! - every key names its tenant, so attempts on one site never limit
//!   another;
//! - an IPv6 client counts by its /64 (`kernel::ratelimit::client_scope`).

use std::net::IpAddr;
use std::time::Duration;

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::errors::AuthError;
use kernel::ratelimit::{client_scope, hit, hit_each, refund, RedisPool, Verdict};
use kernel::settings::Settings;

/// How long an attempt on an account that many addresses are failing on
/// waits before it is checked: costly for a guesser, bearable for the owner.
const SLOWDOWN: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAction {
    Login,
    Register,
    PasswordReset,
    /// Setting the new password: each attempt may cost a hash.
    ResetConfirm,
    VerificationMail,
    /// Trying a texted sign-in code.
    PhoneCode,
}

impl AuthAction {
    fn as_str(self) -> &'static str {
        match self {
            AuthAction::Login => "login",
            AuthAction::Register => "register",
            AuthAction::PasswordReset => "reset",
            AuthAction::ResetConfirm => "reset-confirm",
            AuthAction::VerificationMail => "verify-mail",
            AuthAction::PhoneCode => "phone-code",
        }
    }
}

/// The Redis keys of one attempt. `strict` refuse over the limit; `account`
/// (all addresses together) only slows down. Emails are hashed so Redis
/// holds none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub strict: Vec<String>,
    pub account: Option<String>,
}

/// `tenant` None is the platform scope, for callers that have no tenant.
pub fn keys(
    tenant: Option<Uuid>,
    action: AuthAction,
    client: Option<IpAddr>,
    account: Option<&str>,
) -> Keys {
    let scope = tenant.map_or_else(|| "platform".to_string(), |t| t.simple().to_string());
    let prefix = format!("rl:auth:{scope}:{}", action.as_str());
    let client = client.map(client_scope);
    let account = account.map(|a| {
        let digest = Sha256::digest(a.trim().to_lowercase().as_bytes());
        format!("{prefix}:acct:{}", hex::encode(&digest[..16]))
    });
    let mut strict = Vec::with_capacity(2);
    if let Some(client) = &client {
        strict.push(format!("{prefix}:ip:{client}"));
        if let Some(account) = &account {
            strict.push(format!("{account}:ip:{client}"));
        }
    }
    Keys { strict, account }
}

/// What one attempt counted, so a login that succeeds can take it back.
#[derive(Debug)]
#[must_use]
pub struct Counted(Vec<String>);

/// Counts an attempt on `tenant`: over a strict limit it is a 429 with
/// Retry-After; over the account-wide one it only waits.
pub async fn check_in(
    redis: &RedisPool,
    settings: &Settings,
    tenant: Uuid,
    action: AuthAction,
    client: Option<IpAddr>,
    account: Option<&str>,
) -> Result<Counted, AuthError> {
    count(redis, settings, keys(Some(tenant), action, client, account)).await
}

/// A login that succeeded was not a failed attempt: its counts are taken
/// back, so the owner's own sign-ins never use up their limit.
pub async fn forgive(redis: &RedisPool, counted: Counted) {
    refund(redis, &counted.0).await;
}

/// Counts a sign-in code about to be texted: per client address and per
/// number each hour (settings), and one a minute per number. These are
/// refusals, since each code is a text message someone pays for; the
/// number's owner is not locked out by them, because every code sent to
/// the number stays valid for its five minutes and reached the owner.
pub async fn check_code_send(
    redis: &RedisPool,
    settings: &Settings,
    tenant: Uuid,
    client: Option<IpAddr>,
    phone: &str,
) -> Result<(), AuthError> {
    let prefix = format!("rl:otp:{}", tenant.simple());
    let number = hex::encode(&Sha256::digest(phone.as_bytes())[..16]);
    let mut hourly = vec![(
        format!("{prefix}:phone:{number}"),
        settings.otp_sends_per_phone_per_hour,
    )];
    if let Some(client) = client {
        hourly.push((
            format!("{prefix}:ip:{}", client_scope(client)),
            settings.otp_sends_per_ip_per_hour,
        ));
    }
    let minute = [(format!("{prefix}:phone-minute:{number}"), 1)];
    for (counters, window) in [(&minute[..], 60), (&hourly[..], 3600)] {
        if let Verdict::Limited(wait) = hit_each(redis, counters, window).await {
            return Err(AuthError::RateLimited {
                retry_after_secs: wait.max(1),
            });
        }
    }
    Ok(())
}

async fn count(redis: &RedisPool, settings: &Settings, keys: Keys) -> Result<Counted, AuthError> {
    let window = settings.auth_rate_window_secs;
    if let Verdict::Limited(wait) = hit(redis, &keys.strict, settings.auth_rate_limit, window).await
    {
        return Err(AuthError::RateLimited {
            retry_after_secs: wait.max(1),
        });
    }
    let mut counted = keys.strict;
    if let Some(account) = keys.account {
        let verdict = hit(
            redis,
            std::slice::from_ref(&account),
            settings.auth_account_slowdown_after,
            window,
        )
        .await;
        if let Verdict::Limited(_) = verdict {
            tracing::warn!(
                "many failed attempts on one account from several addresses; slowing them down"
            );
            tokio::time::sleep(SLOWDOWN).await;
        }
        counted.push(account);
    }
    Ok(Counted(counted))
}

#[cfg(test)]
#[path = "ratelimit_test.rs"]
mod tests;

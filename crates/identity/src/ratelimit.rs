//! Limits on the sign-in doors (login, register, password reset): per client
//! address, against one source trying many accounts, and per account, against
//! many sources trying one account.

use std::net::IpAddr;

use sha2::{Digest, Sha256};

use super::errors::AuthError;
use kernel::ratelimit::{hit, Verdict};
use kernel::settings::Settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAction {
    Login,
    Register,
    PasswordReset,
    /// Setting the new password: each attempt may cost a hash.
    ResetConfirm,
    VerificationMail,
}

impl AuthAction {
    fn as_str(self) -> &'static str {
        match self {
            AuthAction::Login => "login",
            AuthAction::Register => "register",
            AuthAction::PasswordReset => "reset",
            AuthAction::ResetConfirm => "reset-confirm",
            AuthAction::VerificationMail => "verify-mail",
        }
    }
}

/// The Redis keys of one attempt. The account key is global, not per
/// tenant: a user's password is the same on every site, so guessing it on
/// several sites must count as one. Emails are hashed so Redis holds none.
pub fn keys(action: AuthAction, client: Option<IpAddr>, account: Option<&str>) -> Vec<String> {
    let mut keys = Vec::with_capacity(2);
    if let Some(ip) = client {
        keys.push(format!("rl:auth:{}:ip:{ip}", action.as_str()));
    }
    if let Some(account) = account {
        let digest = Sha256::digest(account.trim().to_lowercase().as_bytes());
        keys.push(format!(
            "rl:auth:{}:acct:{}",
            action.as_str(),
            hex::encode(&digest[..16])
        ));
    }
    keys
}

/// Counts an attempt; over the limit it is a 429 with Retry-After.
pub async fn check(
    redis: &deadpool_redis::Pool,
    settings: &Settings,
    action: AuthAction,
    client: Option<IpAddr>,
    account: Option<&str>,
) -> Result<(), AuthError> {
    let keys = keys(action, client, account);
    match hit(
        redis,
        &keys,
        settings.auth_rate_limit,
        settings.auth_rate_window_secs,
    )
    .await
    {
        Verdict::Limited(wait) => Err(AuthError::RateLimited {
            retry_after_secs: wait.max(1),
        }),
        Verdict::Allowed | Verdict::Unchecked => Ok(()),
    }
}

#[cfg(test)]
#[path = "ratelimit_test.rs"]
mod tests;

//! Forms' CSRF tokens, a signed double submit: a random value in an
//! HttpOnly cookie, and in each form an HMAC of it and the tenant's id. A
//! page of another site cannot read the cookie, so it cannot make the form
//! value; and a token made on tenant A is worthless on tenant B.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use uuid::Uuid;

pub const CSRF_COOKIE: &str = "csrf";
pub const CSRF_FIELD: &str = "csrf_token";

type HmacSha256 = Hmac<Sha256>;

/// A fresh cookie value: 32 random bytes.
pub fn new_cookie_value() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn mac(secret: &str, tenant: Option<Uuid>, cookie: &str) -> Option<HmacSha256> {
    // Its own label, so a CSRF token can never pass for any other MAC made
    // with the same secret.
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(b"page-csrf-v1\0");
    mac.update(tenant.unwrap_or_default().as_bytes());
    mac.update(cookie.as_bytes());
    Some(mac)
}

/// The form value for `cookie` on `tenant`'s site (None: the platform's).
pub fn token(secret: &str, tenant: Option<Uuid>, cookie: &str) -> String {
    mac(secret, tenant, cookie)
        .map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
        .unwrap_or_default()
}

/// Whether a posted form value belongs with the cookie the browser sent.
pub fn verify(secret: &str, tenant: Option<Uuid>, cookie: &str, posted: &str) -> bool {
    if cookie.is_empty() || posted.is_empty() {
        return false;
    }
    let Ok(posted) = URL_SAFE_NO_PAD.decode(posted) else {
        return false;
    };
    // verify_slice compares in constant time.
    mac(secret, tenant, cookie).is_some_and(|m| m.verify_slice(&posted).is_ok())
}

#[cfg(test)]
#[path = "csrf_test.rs"]
mod tests;

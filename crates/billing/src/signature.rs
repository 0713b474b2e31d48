//! The provider's webhook signature, Stripe's scheme:
//! `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, the hex an
//! HMAC-SHA256 under the webhook secret of `<t>.<raw body>`. Several `v1`
//! entries appear while the provider rolls its secret; any one matching is
//! enough. The signed time bounds how long a captured delivery can be
//! replayed.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// How far the signed time may be from ours, either way (clock skew and
/// the provider's retries both fit in it; a replay a day later does not).
pub const TOLERANCE_SECS: i64 = 5 * 60;

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Option<Hmac<Sha256>> {
    // HMAC takes keys of any length; this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Some(mac)
}

/// The header value a provider sends for `body` at `timestamp`; the
/// tests sign their events with it.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let hex = mac(secret, timestamp, body)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("t={timestamp},v1={hex}")
}

/// True when `header` signs `body` under `secret` at a time within the
/// tolerance of `now`. Each signature is compared in constant time.
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.trim().parse::<i64>().ok(),
            Some(("v1", v)) => signatures.extend(hex::decode(v.trim()).ok()),
            _ => {}
        }
    }
    let Some(t) = timestamp else { return false };
    if now.abs_diff(t) > TOLERANCE_SECS.unsigned_abs() {
        return false;
    }
    signatures
        .iter()
        .any(|sig| mac(secret, t, body).is_some_and(|m| m.verify_slice(sig).is_ok()))
}

#[cfg(test)]
#[path = "signature_test.rs"]
mod tests;

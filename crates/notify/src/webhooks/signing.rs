//! Webhook signatures, after Stripe's scheme: HMAC-SHA256 under the
//! endpoint's secret of `<t>.<body>`, where `t` is the delivery's unix
//! time, sent as `X-Webhook-Signature: t=<t>,v1=<hex>`. Signing the time
//! with the body lets a receiver refuse a captured delivery replayed later
//! (README.md: "Webhook signatures").

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "X-Webhook-Signature";
pub const EVENT_HEADER: &str = "X-Webhook-Event";

fn mac(secret: &str, timestamp: i64, body: &str) -> Option<Hmac<Sha256>> {
    // HMAC accepts keys of any length; this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    Some(mac)
}

/// The X-Webhook-Signature value of `body` sent at `timestamp` (unix
/// seconds).
pub fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    let hex = mac(secret, timestamp, body)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("t={timestamp},v1={hex}")
}

/// What a receiver does: true when `header` signs `body` under `secret`
/// and its time is within `tolerance_secs` of `now`. Compares in constant
/// time. Ours to test the format by; receivers write their own.
pub fn verify(secret: &str, header: &str, body: &str, now: i64, tolerance_secs: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let Some(t) = timestamp else { return false };
    if (now - t).abs() > tolerance_secs {
        return false;
    }
    signatures
        .iter()
        .any(|sig| mac(secret, t, body).is_some_and(|m| m.verify_slice(sig).is_ok()))
}

#[cfg(test)]
#[path = "signing_test.rs"]
mod tests;

//! Outbound webhooks: a JSON event POSTed to the tenant's URL, signed with
//! HMAC-SHA256 of the exact body bytes, so the receiver can check it came
//! from us and was not altered.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::outbox::Failure;

pub const SIGNATURE_HEADER: &str = "X-Webhook-Signature";
pub const EVENT_HEADER: &str = "X-Webhook-Event";

/// `sha256=<hex>` of the body under the endpoint's secret.
pub fn sign(secret: &str, body: &str) -> String {
    // HMAC accepts keys of any length; this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

pub fn http_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// Delivers one event. A 2xx answer is success; 4xx other than 408/429 will
/// not get better by retrying; anything else is retried with backoff.
pub fn deliver(
    agent: &ureq::Agent,
    url: &str,
    secret: &str,
    event: &str,
    body: &str,
) -> Result<(), Failure> {
    let response = agent
        .post(url)
        .header("Content-Type", "application/json")
        .header(EVENT_HEADER, event)
        .header(SIGNATURE_HEADER, sign(secret, body))
        .send(body)
        .map_err(|e| Failure::Transient(format!("POST {url}: {e}")))?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        408 | 429 | 500..=599 => Err(Failure::Transient(format!("POST {url}: HTTP {status}"))),
        _ => Err(Failure::Permanent(format!("POST {url}: HTTP {status}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_hmac_sha256_hex() {
        // Known answer from RFC 4231 test case 2.
        let sig = sign("Jefe", "what do ya want for nothing?");
        assert_eq!(
            sig,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}

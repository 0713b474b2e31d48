//! Idempotency-Key: a retried checkout gets the first order, not a second.
//!
//! The key is claimed first in the checkout's transaction. A retry that
//! arrives while the first is still running waits on the claim: if the
//! first commits, the retry reads its order; if it fails (out of stock,
//! say), nothing was stored and the retry runs on its own.
//!
//! The key's row names the order, not a stored answer: a replay answers
//! the order as it now is. Its tracking token is never stored readable, so
//! a replay issues a new one (the retrying client has usually lost the
//! first answer) and the earlier one stops working.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::error::CheckoutError;
use crate::schema::checkout_keys;
use kernel::db::PerTenant;
use kernel::error::AppError;

pub const MAX_KEY_CHARS: usize = 255;

/// A client's Idempotency-Key, with a fingerprint of the checkout it came
/// with (the cart and the body as sent), so a key reused for another
/// checkout is caught.
#[derive(Debug, Clone)]
pub struct CheckoutKey {
    key: String,
    fingerprint: String,
}

impl CheckoutKey {
    /// `raw` as the header carried it: 1 to 255 printable ASCII characters.
    pub fn parse(raw: &str, cart_id: Uuid, body: &Value) -> Result<Self, CheckoutError> {
        let key = raw.trim();
        if key.is_empty() || key.len() > MAX_KEY_CHARS || !key.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(CheckoutError::InvalidIdempotencyKey);
        }
        let mut digest = Sha256::new();
        digest.update(cart_id.as_bytes());
        digest.update(body.to_string().as_bytes());
        Ok(CheckoutKey {
            key: key.to_string(),
            fingerprint: hex::encode(digest.finalize()),
        })
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.key
    }
}

/// What the claim found.
pub(crate) enum Claim {
    /// The key is new: go ahead; the order is stored under it at the end.
    First,
    /// The key placed this order before.
    Placed(Uuid),
}

pub(crate) fn claim(conn: &mut PgConnection, key: &CheckoutKey) -> Result<Claim, CheckoutError> {
    let inserted = PerTenant(
        diesel::insert_into(checkout_keys::table)
            .values((
                checkout_keys::key.eq(&key.key),
                checkout_keys::fingerprint.eq(&key.fingerprint),
            ))
            .on_conflict_do_nothing(),
    )
    .execute(conn)?;
    if inserted == 1 {
        return Ok(Claim::First);
    }
    let (fingerprint, order_id): (String, Option<Uuid>) = checkout_keys::table
        .find(&key.key)
        .select((checkout_keys::fingerprint, checkout_keys::order_id))
        .first(conn)?;
    if fingerprint != key.fingerprint {
        return Err(CheckoutError::IdempotencyKeyReused);
    }
    // A committed claim always names its order (the order's deletion takes
    // the key with it).
    order_id
        .map(Claim::Placed)
        .ok_or_else(|| AppError::internal("a checkout key without its order").into())
}

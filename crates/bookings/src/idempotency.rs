//! Idempotency-Key: a retried POST gets the first booking, not a second one.
//!
//! The key is claimed at the start of the transaction. A concurrent request
//! with the same key waits on the claim; if the first commits, the second
//! reads the booking it stored; if the first fails, nothing was stored and
//! the second runs normally.
//!
//! The manage token is never stored here (a copy of the database must not
//! open anyone's booking). A client that retries has usually lost the first
//! answer, token included, so a replay issues a fresh manage token for the
//! booking in the same transaction: the retrying client gets a working link,
//! and the earlier token (the one in the confirmation mail, too) stops
//! working. That trade is deliberate: the alternative, keeping the token
//! readable, would leave every booking made with a key openable from a
//! database dump.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::BookingError;
use crate::model::{Booked, BookingView};
use crate::repo;
use identity::secrets;
use kernel::error::AppError;
use kernel::schema::tenant::idempotency_keys;

/// A client's Idempotency-Key, with a fingerprint of the request it came
/// with, so a key reused for another request is caught.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    key: String,
    fingerprint: String,
}

impl IdempotencyKey {
    /// `request` is the body as the client sent it.
    pub fn new(key: String, request: &Value) -> Self {
        IdempotencyKey {
            key,
            fingerprint: hex::encode(Sha256::digest(request.to_string().as_bytes())),
        }
    }
}

/// How a booking is stored under its key: the booking's fields only. Rows
/// written by earlier versions also hold a `manage_token`; it is ignored
/// (and overwritten on their next replay).
#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(flatten)]
    booking: BookingView,
}

/// The status_code column predates typed answers; servers of an earlier
/// version, mid-deploy, still answer replays with it.
const STORED_STATUS: i32 = 201;

/// On first use `None`: go ahead, then `store` the booking. For a repeat of
/// a request answered before, the booking stored then.
pub(crate) fn claim(
    conn: &mut PgConnection,
    key: &IdempotencyKey,
) -> Result<Option<Booked>, BookingError> {
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::key.eq(&key.key),
            idempotency_keys::fingerprint.eq(&key.fingerprint),
            idempotency_keys::status_code.eq(0),
            idempotency_keys::body.eq(Value::Null),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 1 {
        return Ok(None);
    }
    let (fingerprint, body): (String, Value) = idempotency_keys::table
        .find(&key.key)
        .select((idempotency_keys::fingerprint, idempotency_keys::body))
        .first(conn)?;
    if fingerprint != key.fingerprint {
        return Err(BookingError::IdempotencyKeyReused);
    }
    let stored: Stored = serde_json::from_value(body).map_err(AppError::internal)?;
    let token = secrets::generate();
    repo::set_manage_token_hash(conn, stored.booking.id, &token.hash)?;
    // Rewrites rows of earlier versions that still hold a plain token.
    write(conn, key, &stored)?;
    Ok(Some(Booked {
        booking: stored.booking,
        manage_token: token.plain,
    }))
}

pub(crate) fn store(
    conn: &mut PgConnection,
    key: &IdempotencyKey,
    booked: &Booked,
) -> Result<(), BookingError> {
    let stored = Stored {
        booking: booked.booking.clone(),
    };
    write(conn, key, &stored)
}

fn write(
    conn: &mut PgConnection,
    key: &IdempotencyKey,
    stored: &Stored,
) -> Result<(), BookingError> {
    let body = serde_json::to_value(stored).map_err(AppError::internal)?;
    diesel::update(idempotency_keys::table.find(&key.key))
        .set((
            idempotency_keys::status_code.eq(STORED_STATUS),
            idempotency_keys::body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

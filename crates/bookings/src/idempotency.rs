//! Idempotency-Key: a retried POST gets the first answer, not a second booking.
//!
//! The key is claimed at the start of the transaction. A concurrent request
//! with the same key waits on the claim; if the first commits, the second
//! reads its stored answer; if the first fails, nothing was stored and the
//! second runs normally.

use diesel::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::idempotency_keys;

/// What the request asked for, so a key reused for another request is caught.
pub fn fingerprint(body: &Value) -> String {
    hex::encode(Sha256::digest(body.to_string().as_bytes()))
}

pub enum Claim {
    /// First use: go ahead, then `store` the answer.
    New,
    /// Answered before: return this.
    Replay { status: u16, body: Value },
}

pub fn claim(conn: &mut PgConnection, key: &str, fingerprint: &str) -> AppResult<Claim> {
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::key.eq(key),
            idempotency_keys::fingerprint.eq(fingerprint),
            idempotency_keys::status_code.eq(0),
            idempotency_keys::body.eq(Value::Null),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (stored_fp, status, body): (String, i32, Value) = idempotency_keys::table
        .find(key)
        .select((
            idempotency_keys::fingerprint,
            idempotency_keys::status_code,
            idempotency_keys::body,
        ))
        .first(conn)?;
    if stored_fp != fingerprint {
        return Err(AppError::new(
            kernel::error::StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request; use a new key.",
        ));
    }
    Ok(Claim::Replay {
        status: u16::try_from(status).unwrap_or(200),
        body,
    })
}

pub fn store(conn: &mut PgConnection, key: &str, status: u16, body: &Value) -> QueryResult<()> {
    diesel::update(idempotency_keys::table.find(key))
        .set((
            idempotency_keys::status_code.eq(i32::from(status)),
            idempotency_keys::body.eq(body),
        ))
        .execute(conn)
        .map(|_| ())
}

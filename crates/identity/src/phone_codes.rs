//! One-time codes for phone sign-in: six digits, sent by text message,
//! valid five minutes, five tries each. Only an HMAC of the code (keyed
//! with the server's secret, bound to the number) is stored: six digits
//! are a million guesses, which a plain hash in a copy of the database
//! would not resist.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::Rng;
use sha2::Sha256;
use uuid::Uuid;

use kernel::schema::tenant::otp_codes;

pub const CODE_TTL_MINUTES: i64 = 5;
pub const MAX_ATTEMPTS: i32 = 5;

/// How a presented code compares with the number's live codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, and now spent.
    Accepted,
    /// Wrong; the try was counted.
    Rejected,
    /// No live code for the number (none sent, expired, used, or out of tries).
    NoLiveCode,
}

/// A fresh six-digit code, uniformly drawn (leading zeros kept).
pub fn generate() -> String {
    format!("{:06}", OsRng.gen_range(0..1_000_000u32))
}

fn digest(secret: &str, phone: &str, code: &str) -> Vec<u8> {
    // HMAC takes a key of any length; new_from_slice cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return Vec::new();
    };
    mac.update(phone.as_bytes());
    mac.update(b":");
    mac.update(code.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Stores a new code for `phone`. Earlier codes stay valid until they
/// expire: a code someone else asked for still reached the number's owner,
/// so asking again can never lock the owner out.
pub fn issue(conn: &mut PgConnection, secret: &str, phone: &str, code: &str) -> QueryResult<()> {
    diesel::insert_into(otp_codes::table)
        .values((
            otp_codes::id.eq(Uuid::new_v4()),
            otp_codes::phone.eq(phone),
            otp_codes::code_hash.eq(digest(secret, phone, code)),
            otp_codes::expires_at.eq(Utc::now() + Duration::minutes(CODE_TTL_MINUTES)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Checks `code` against the number's live codes, under a lock on them, so
/// concurrent tries are counted one by one. A wrong try counts against
/// every live code of the number (each allows MAX_ATTEMPTS in all), so
/// asking for more codes buys no more guesses per code. The caller must
/// commit a `Rejected` (the count is the point).
pub fn check(
    conn: &mut PgConnection,
    secret: &str,
    phone: &str,
    code: &str,
) -> QueryResult<CodeCheck> {
    let live: Vec<(Uuid, Vec<u8>)> = otp_codes::table
        .filter(otp_codes::phone.eq(phone))
        .filter(otp_codes::used_at.is_null())
        .filter(otp_codes::expires_at.gt(Utc::now()))
        .filter(otp_codes::attempts.lt(MAX_ATTEMPTS))
        .order(otp_codes::id)
        .select((otp_codes::id, otp_codes::code_hash))
        .for_update()
        .load(conn)?;
    if live.is_empty() {
        return Ok(CodeCheck::NoLiveCode);
    }
    let presented = digest(secret, phone, code);
    let matched = live
        .iter()
        .find(|(_, stored)| constant_time_eq(stored, &presented))
        .map(|(id, _)| *id);
    let ids: Vec<Uuid> = live.iter().map(|(id, _)| *id).collect();
    match matched {
        Some(_) => {
            // Every live code of the number is spent with the one used.
            diesel::update(otp_codes::table.filter(otp_codes::id.eq_any(&ids)))
                .set(otp_codes::used_at.eq(diesel::dsl::now))
                .execute(conn)?;
            Ok(CodeCheck::Accepted)
        }
        None => {
            diesel::update(otp_codes::table.filter(otp_codes::id.eq_any(&ids)))
                .set(otp_codes::attempts.eq(otp_codes::attempts + 1))
                .execute(conn)?;
            Ok(CodeCheck::Rejected)
        }
    }
}

/// Removes a number's codes that can no longer be used (kept a day, for
/// the rate limits' sake, then gone).
pub fn prune(conn: &mut PgConnection, phone: &str) -> QueryResult<usize> {
    diesel::delete(
        otp_codes::table
            .filter(otp_codes::phone.eq(phone))
            .filter(otp_codes::expires_at.lt(Utc::now() - Duration::days(1))),
    )
    .execute(conn)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
#[path = "phone_codes_test.rs"]
mod tests;

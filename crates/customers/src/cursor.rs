//! The opaque page cursor: the (created_at, id) of the last row a page
//! showed. Encoded as base64url of a version byte, the timestamp in
//! microseconds, the id and a short checksum, so an edited or truncated cursor
//! is refused instead of silently starting somewhere odd.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::CustomerError;

const VERSION: u8 = 1;
const PAYLOAD_LEN: usize = 1 + 8 + 16;
const CHECKSUM_LEN: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: DateTime<Utc>,
    pub id: Uuid,
}

fn checksum(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    let digest = Sha256::digest(payload);
    [digest[0], digest[1], digest[2], digest[3]]
}

impl Cursor {
    pub fn encode(&self) -> String {
        let mut bytes = Vec::with_capacity(PAYLOAD_LEN + CHECKSUM_LEN);
        bytes.push(VERSION);
        bytes.extend_from_slice(&self.created_at.timestamp_micros().to_be_bytes());
        bytes.extend_from_slice(self.id.as_bytes());
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    pub fn decode(raw: &str) -> Result<Self, CustomerError> {
        let invalid = || CustomerError::InvalidCursor;
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        if bytes.len() != PAYLOAD_LEN + CHECKSUM_LEN || bytes[0] != VERSION {
            return Err(invalid());
        }
        let (payload, sum) = bytes.split_at(PAYLOAD_LEN);
        if checksum(payload) != sum {
            return Err(invalid());
        }
        let mut micros = [0u8; 8];
        micros.copy_from_slice(&payload[1..9]);
        // The checksum is no secret: a client can forge a cursor with any
        // time. Only times a row can hold go on to the query; one before
        // 4713 BC would make PostgreSQL fail it (a 500).
        let created_at = DateTime::from_timestamp_micros(i64::from_be_bytes(micros))
            .filter(|at| kernel::input::bounded_instant(*at).is_ok())
            .ok_or_else(invalid)?;
        let id = Uuid::from_slice(&payload[9..]).map_err(|_| invalid())?;
        Ok(Cursor { created_at, id })
    }
}

#[cfg(test)]
#[path = "cursor_test.rs"]
mod tests;

//! The opaque page cursor of product listings: the sort it belongs to, the
//! last row's sort key and its id. Encoded as base64url of a version byte,
//! the sort, the key, the id and a short checksum, so an edited or
//! truncated cursor, or one of another sort, is refused instead of
//! silently starting somewhere odd.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::params::ProductSort;
use crate::catalog::error::CatalogError;

const VERSION: u8 = 1;
const PAYLOAD_LEN: usize = 1 + 1 + 8 + 16;
const CHECKSUM_LEN: usize = 4;

/// Where the last page ended, in the terms of its sort.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Key {
    /// `newest`.
    CreatedAt(DateTime<Utc>),
    /// `price_asc`, `price_desc`: the product's lowest price.
    Price(i64),
    /// `popular`: units sold.
    Sold(i64),
    /// `relevance`: the search rank (a 4-byte float, as PostgreSQL gives it).
    Rank(f32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cursor {
    pub key: Key,
    pub id: Uuid,
}

fn sort_byte(sort: ProductSort) -> u8 {
    match sort {
        ProductSort::Newest => 1,
        ProductSort::PriceAsc => 2,
        ProductSort::PriceDesc => 3,
        ProductSort::Popular => 4,
        ProductSort::Relevance => 5,
    }
}

fn checksum(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    let digest = Sha256::digest(payload);
    [digest[0], digest[1], digest[2], digest[3]]
}

impl Cursor {
    pub fn encode(&self, sort: ProductSort) -> String {
        let key: i64 = match self.key {
            Key::CreatedAt(at) => at.timestamp_micros(),
            Key::Price(v) | Key::Sold(v) => v,
            Key::Rank(r) => i64::from(r.to_bits()),
        };
        let mut bytes = Vec::with_capacity(PAYLOAD_LEN + CHECKSUM_LEN);
        bytes.push(VERSION);
        bytes.push(sort_byte(sort));
        bytes.extend_from_slice(&key.to_be_bytes());
        bytes.extend_from_slice(self.id.as_bytes());
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A cursor of `sort`; one handed out for another sort is refused.
    pub fn decode(raw: &str, sort: ProductSort) -> Result<Self, CatalogError> {
        let invalid = || CatalogError::InvalidCursor;
        if raw.len() > 64 {
            return Err(invalid());
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        if bytes.len() != PAYLOAD_LEN + CHECKSUM_LEN || bytes[0] != VERSION {
            return Err(invalid());
        }
        let (payload, sum) = bytes.split_at(PAYLOAD_LEN);
        if checksum(payload) != sum || payload[1] != sort_byte(sort) {
            return Err(invalid());
        }
        let mut raw_key = [0u8; 8];
        raw_key.copy_from_slice(&payload[2..10]);
        let value = i64::from_be_bytes(raw_key);
        // The checksum is no secret: a client can forge any key. Only keys
        // a row can have go on to the query.
        let key = match sort {
            ProductSort::Newest => DateTime::from_timestamp_micros(value)
                .filter(|at| kernel::input::bounded_instant(*at).is_ok())
                .map(Key::CreatedAt),
            ProductSort::PriceAsc | ProductSort::PriceDesc => {
                (value >= 0).then_some(Key::Price(value))
            }
            ProductSort::Popular => (value >= 0).then_some(Key::Sold(value)),
            ProductSort::Relevance => u32::try_from(value)
                .ok()
                .map(f32::from_bits)
                .filter(|r| r.is_finite())
                .map(Key::Rank),
        }
        .ok_or_else(invalid)?;
        let id = Uuid::from_slice(&payload[10..]).map_err(|_| invalid())?;
        Ok(Cursor { key, id })
    }
}

#[cfg(test)]
#[path = "cursor_test.rs"]
mod tests;

//! customers::cursor::Cursor::decode on any string, on cursors forged with a
//! valid checksum (the checksum is unkeyed, so any client can compute it),
//! and on cursors the server makes.
//!
//! A decoded cursor goes straight into the listing query: it must be one the
//! server could have made (its timestamp within kernel::input::YEARS, which
//! PostgreSQL can store), and there is only one spelling of each cursor.

#![no_main]

use arbitrary::Arbitrary;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Datelike};
use customers::cursor::Cursor;
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use uuid::Uuid;

#[derive(Debug, Arbitrary)]
enum Input {
    /// Whatever a client puts in `?cursor=`.
    Raw(String),
    /// The cursor layout with a correct checksum and any field values.
    Forged {
        version: u8,
        micros: i64,
        id: [u8; 16],
        extra: Vec<u8>,
    },
    /// A cursor the server makes for a row.
    Made { micros: i64, id: u128 },
}

fn forge(version: u8, micros: i64, id: [u8; 16], extra: &[u8]) -> String {
    let mut bytes = vec![version];
    bytes.extend_from_slice(&micros.to_be_bytes());
    bytes.extend_from_slice(&id);
    bytes.extend_from_slice(extra);
    let digest = Sha256::digest(&bytes);
    bytes.extend_from_slice(&digest[..4]);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn check_decoded(raw: &str) {
    let Ok(cursor) = Cursor::decode(raw) else {
        return;
    };
    assert!(
        kernel::input::YEARS.contains(&cursor.created_at.year()),
        "{raw:?} decodes to {}, a time no row holds and PostgreSQL may refuse",
        cursor.created_at
    );
    assert_eq!(cursor.encode(), raw, "a second spelling of {cursor:?}");
}

fuzz_target!(|input: Input| {
    match input {
        Input::Raw(raw) => check_decoded(&raw),
        Input::Forged {
            version,
            micros,
            id,
            extra,
        } => check_decoded(&forge(version, micros, id, &extra)),
        Input::Made { micros, id } => {
            let Some(created_at) = DateTime::from_timestamp_micros(micros) else {
                return;
            };
            // Rows are stamped by the database clock: only such times matter.
            if !kernel::input::YEARS.contains(&created_at.year()) {
                return;
            }
            let cursor = Cursor {
                created_at,
                id: Uuid::from_u128(id),
            };
            let encoded = cursor.encode();
            let decoded = Cursor::decode(&encoded)
                .unwrap_or_else(|e| panic!("{cursor:?} made {encoded:?}, refused: {e:?}"));
            assert_eq!(decoded, cursor);
        }
    }
});

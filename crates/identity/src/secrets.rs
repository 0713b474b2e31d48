//! Opaque tokens handed to people (refresh tokens, links in mails): 32 random
//! bytes, base64url. Only their SHA-256 is stored, so a copy of the database
//! does not let anyone use them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Tokens we issue are 43 characters; anything much longer is not one of ours.
const MAX_TOKEN_LEN: usize = 128;

pub struct OpaqueToken {
    /// Given to the person, never stored.
    pub plain: String,
    pub hash: Vec<u8>,
}

pub fn generate() -> OpaqueToken {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let plain = URL_SAFE_NO_PAD.encode(bytes);
    let hash = digest(&plain);
    OpaqueToken { plain, hash }
}

/// The stored form of a presented token; None when it cannot be one of ours
/// (saves a query, and keeps junk out of the logs).
pub fn hash_presented(token: &str) -> Option<Vec<u8>> {
    let token = token.trim();
    let plausible = !token.is_empty()
        && token.len() <= MAX_TOKEN_LEN
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plausible.then(|| digest(token))
}

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hash_consistently() {
        let a = generate();
        let b = generate();
        assert_ne!(a.plain, b.plain);
        assert_eq!(a.plain.len(), 43);
        assert_eq!(hash_presented(&a.plain), Some(a.hash.clone()));
        assert_eq!(hash_presented("not a token!"), None);
        assert_eq!(hash_presented(""), None);
    }
}

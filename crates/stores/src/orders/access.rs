//! Who may see an order: the site's team, the customer who placed it
//! (signed in), or whoever holds its tracking token (handed to the buyer
//! once at checkout, stored only as its SHA-256). Anyone else is told the
//! order does not exist.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::OrderRow;

/// A token longer than this is no token checkout handed out; it is not
/// even hashed.
pub const MAX_TOKEN_CHARS: usize = 256;

/// What a request proves about its caller.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// A member of the site's team (owner, admin, staff).
    pub staff_user: Option<Uuid>,
    /// A signed-in customer's record.
    pub customer_id: Option<Uuid>,
    /// The SHA-256 of the tracking token the request sent.
    token_hash: Option<[u8; 32]>,
}

/// The stored form of a tracking token.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Compares every byte, so the time taken says nothing of where two
/// hashes differ.
fn same_hash(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Access {
    pub fn staff(user_id: Uuid) -> Self {
        Access {
            staff_user: Some(user_id),
            ..Default::default()
        }
    }

    pub fn customer(customer_id: Uuid) -> Self {
        Access {
            customer_id: Some(customer_id),
            ..Default::default()
        }
    }

    /// Adds the tracking token a request sent (blank or oversized: none).
    pub fn with_token(mut self, token: Option<&str>) -> Self {
        self.token_hash = token
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= MAX_TOKEN_CHARS)
            .map(token_hash);
        self
    }

    pub fn is_staff(&self) -> bool {
        self.staff_user.is_some()
    }

    /// The person the order belongs to: its signed-in customer, or the
    /// holder of its token.
    pub fn is_buyer_of(&self, order: &OrderRow) -> bool {
        let own = self.customer_id.is_some() && self.customer_id == order.customer_id;
        let holds_token = self
            .token_hash
            .is_some_and(|h| same_hash(&h, &order.tracking_token_hash));
        own || holds_token
    }

    pub fn may_see(&self, order: &OrderRow) -> bool {
        self.is_staff() || self.is_buyer_of(order)
    }
}

#[cfg(test)]
#[path = "access_test.rs"]
mod tests;

//! Who may use a cart: the holder of its token, or the signed-in customer
//! it belongs to. Either suffices; neither is a 404, the same as for a cart
//! that does not exist.

use diesel::dsl::{And, Eq, Or};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::carts;
use identity::secrets;

#[derive(Debug, Clone, Default)]
pub struct CartAccess {
    /// SHA-256 of the presented `X-Cart-Token`; None when none was sent or
    /// it cannot be one of ours.
    token_hash: Option<Vec<u8>>,
    /// The signed-in customer, if a customer is signed in.
    customer_id: Option<Uuid>,
}

/// The condition a cart row must meet to open with this access.
pub(crate) type Opens<'a> = And<
    Eq<carts::id, Uuid>,
    Or<Eq<carts::token_hash, &'a [u8]>, Eq<carts::customer_id, Option<Uuid>>>,
>;

impl CartAccess {
    /// `token` as the client sent it; `customer_id` when a customer is
    /// signed in (staff carry none: they shop as guests).
    pub fn new(token: Option<&str>, customer_id: Option<Uuid>) -> Self {
        CartAccess {
            token_hash: token.and_then(secrets::hash_presented),
            customer_id,
        }
    }

    pub fn customer_id(&self) -> Option<Uuid> {
        self.customer_id
    }

    /// The presented token's hash, empty when there is none (no stored
    /// hash is empty): what `opens` compares, for statements written as SQL.
    pub(crate) fn token_hash(&self) -> &[u8] {
        self.token_hash.as_deref().unwrap_or_default()
    }

    /// `id` opened by the token or by the customer. No stored hash is
    /// empty, and `customer_id = NULL` is never true, so a missing token or
    /// customer opens nothing.
    pub(crate) fn opens(&self, id: Uuid) -> Opens<'_> {
        carts::id.eq(id).and(
            carts::token_hash
                .eq(self.token_hash())
                .or(carts::customer_id.eq(self.customer_id)),
        )
    }
}

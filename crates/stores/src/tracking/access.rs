//! Who may follow an order: the customer whose order it is, staff, or
//! whoever holds its tracking token (given once, at checkout).

use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::orders;

pub enum Follower {
    Staff,
    Customer(Uuid),
    /// The SHA-256 of a presented tracking token.
    TokenHolder(Vec<u8>),
}

/// Whether `follower` may see `order_id`. Any refusal answers like an
/// unknown order.
pub fn may_follow(
    conn: &mut PgConnection,
    order_id: Uuid,
    follower: &Follower,
) -> QueryResult<bool> {
    let found: Option<(Option<Uuid>, Vec<u8>)> = orders::table
        .find(order_id)
        .select((orders::customer_id, orders::tracking_token_hash))
        .first(conn)
        .optional()?;
    let Some((customer_id, token_hash)) = found else {
        return Ok(false);
    };
    Ok(match follower {
        Follower::Staff => true,
        Follower::Customer(id) => customer_id == Some(*id),
        Follower::TokenHolder(presented) => constant_time_eq(presented, &token_hash),
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

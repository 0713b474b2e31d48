//! A coupon used at checkout, inside the checkout's transaction.
//!
//! The use is counted with a guarded UPDATE (`used_count < usage_limit`),
//! which waits for any other checkout holding the coupon's row and then
//! re-reads it: the usage limit holds however many check out at once. The
//! per-customer limit is counted after it, in a statement of its own (so it
//! sees the uses committed while it waited), still holding the row: no two
//! checkouts of one email count at once.

use chrono::{DateTime, Utc};
use diesel::dsl::now;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use super::error::{CouponError, Inapplicable};
use super::model::{CouponCode, Discount};
use crate::schema::{coupon_redemptions, coupons};

/// A use taken: what the order records.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    pub coupon_id: Uuid,
    pub code: String,
    pub discount_cents: i64,
}

#[derive(Queryable)]
struct Terms {
    id: Uuid,
    code: String,
    percent_off: Option<i32>,
    amount_off_cents: Option<i64>,
    min_subtotal_cents: Option<i64>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    active: bool,
}

impl Terms {
    fn check(&self, subtotal_cents: i64, at: DateTime<Utc>) -> Result<(), Inapplicable> {
        if !self.active {
            return Err(Inapplicable::Inactive);
        }
        if let Some(starts_at) = self.starts_at.filter(|s| at < *s) {
            return Err(Inapplicable::NotStarted { starts_at });
        }
        if let Some(ended_at) = self.ends_at.filter(|e| at >= *e) {
            return Err(Inapplicable::Expired { ended_at });
        }
        if let Some(min) = self.min_subtotal_cents.filter(|m| subtotal_cents < *m) {
            return Err(Inapplicable::BelowMinimum {
                min_subtotal_cents: min,
            });
        }
        Ok(())
    }
}

/// Takes one use of the coupon for an order of `subtotal_cents` placed
/// with `email` at `at`, and says what it takes off.
pub(crate) fn redeem(
    conn: &mut PgConnection,
    code: &CouponCode,
    subtotal_cents: i64,
    email: &str,
    at: DateTime<Utc>,
) -> Result<Applied, CouponError> {
    let terms: Terms = coupons::table
        .filter(coupons::code.eq(code.as_str()))
        .select((
            coupons::id,
            coupons::code,
            coupons::percent_off,
            coupons::amount_off_cents,
            coupons::min_subtotal_cents,
            coupons::starts_at,
            coupons::ends_at,
            coupons::active,
        ))
        .first(conn)
        .optional()?
        .ok_or(CouponError::UnknownCode)?;
    terms
        .check(subtotal_cents, at)
        .map_err(CouponError::NotApplicable)?;
    let per_customer_limit: Option<i32> = diesel::update(coupons::table.find(terms.id))
        .filter(
            coupons::usage_limit
                .is_null()
                .or(coupons::used_count.lt(coupons::usage_limit.assume_not_null())),
        )
        .set((
            coupons::used_count.eq(coupons::used_count + 1),
            coupons::updated_at.eq(now),
        ))
        .returning(coupons::per_customer_limit)
        .get_result(conn)
        .optional()?
        .ok_or(CouponError::Exhausted)?;
    if let Some(limit) = per_customer_limit {
        let used: i64 = coupon_redemptions::table
            .filter(coupon_redemptions::coupon_id.eq(terms.id))
            .filter(coupon_redemptions::email.eq(email))
            .count()
            .get_result(conn)?;
        if used >= i64::from(limit) {
            return Err(CouponError::LimitReached { limit });
        }
    }
    Ok(Applied {
        coupon_id: terms.id,
        code: terms.code,
        discount_cents: Discount::of_row(terms.percent_off, terms.amount_off_cents)
            .of(subtotal_cents),
    })
}

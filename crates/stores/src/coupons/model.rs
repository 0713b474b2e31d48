//! What a coupon looks like on the wire, and the checked values a request
//! must turn into before anything reaches the database.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::CouponError;
use crate::checkout::fields::Fields;
use crate::schema::coupons;
use kernel::input::{bounded_instant, present};

pub const MIN_CODE_CHARS: usize = 2;
pub const MAX_CODE_CHARS: usize = 40;

/// A coupon as staff see it.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = coupons, check_for_backend(diesel::pg::Pg))]
pub struct Coupon {
    pub id: Uuid,
    /// Upper case; customers may type it in any case.
    pub code: String,
    /// Exactly one of percent_off and amount_off_cents is set.
    pub percent_off: Option<i32>,
    pub amount_off_cents: Option<i64>,
    /// The least subtotal an order must reach to use it.
    pub min_subtotal_cents: Option<i64>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// Uses in all; null for no limit.
    pub usage_limit: Option<i32>,
    /// Uses per customer email; null for no limit.
    pub per_customer_limit: Option<i32>,
    /// Orders holding a use (paid, or waiting for payment).
    pub used_count: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewCouponBody)]
pub struct CreateBody {
    /// 2 to 40 letters, digits, `_` or `-`, starting with a letter or digit;
    /// stored upper case.
    #[schema(
        min_length = 2,
        max_length = 40,
        pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$"
    )]
    pub code: String,
    /// 1 to 100; give this or amount_off_cents.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 100)]
    pub percent_off: Option<i64>,
    /// More than 0, in the shop's currency; give this or percent_off.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub amount_off_cents: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub min_subtotal_cents: Option<i64>,
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    /// After starts_at.
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 2147483647)]
    pub usage_limit: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 2147483647)]
    pub per_customer_limit: Option<i64>,
    /// True unless said otherwise.
    #[serde(default)]
    pub active: Option<bool>,
}

/// A partial update: the outer Option says whether the field was sent, the
/// inner one whether it was `null` (which lifts a limit or a date). The
/// code and the discount do not change: make another coupon instead.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CouponPatchBody)]
pub struct PatchBody {
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub active: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 0)]
    pub min_subtotal_cents: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub starts_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub ends_at: Option<Option<DateTime<Utc>>>,
    /// Not below the uses already made.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 2147483647)]
    pub usage_limit: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 2147483647)]
    pub per_customer_limit: Option<Option<i64>>,
}

/// A coupon code as stored: upper case, 2 to 40 of `A-Z 0-9 _ -`, starting
/// with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponCode(String);

impl CouponCode {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_ascii_uppercase();
        let chars = code.chars().count();
        if !(MIN_CODE_CHARS..=MAX_CODE_CHARS).contains(&chars) {
            return Err(format!(
                "is {chars} characters; a code has {MIN_CODE_CHARS} to {MAX_CODE_CHARS}"
            ));
        }
        let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
        if !code.starts_with(allowed) {
            return Err("must start with a letter or a digit".into());
        }
        if let Some(bad) = code
            .chars()
            .find(|c| !(allowed(*c) || *c == '_' || *c == '-'))
        {
            return Err(format!(
                "contains {bad:?}; use only letters A-Z, digits, _ and -"
            ));
        }
        Ok(CouponCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a coupon takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// 1 to 100 percent of the subtotal, rounded to the nearest cent.
    Percent(i32),
    /// A fixed amount, at most the subtotal.
    Amount(i64),
}

impl Discount {
    /// The coupon's discount on `subtotal`: never more than the subtotal,
    /// never negative.
    pub fn of(self, subtotal_cents: i64) -> i64 {
        let subtotal = subtotal_cents.max(0);
        let off = match self {
            Discount::Percent(p) => (i128::from(subtotal) * i128::from(p) + 50) / 100,
            Discount::Amount(a) => i128::from(a),
        };
        i64::try_from(off.clamp(0, i128::from(subtotal))).unwrap_or(subtotal)
    }

    pub(crate) fn of_row(percent_off: Option<i32>, amount_off_cents: Option<i64>) -> Self {
        match (percent_off, amount_off_cents) {
            (Some(p), _) => Discount::Percent(p),
            (None, Some(a)) => Discount::Amount(a),
            // The table's check makes one of them set.
            (None, None) => Discount::Amount(0),
        }
    }
}

/// A checked new coupon.
#[derive(Debug, Clone)]
pub struct NewCoupon {
    pub code: CouponCode,
    pub discount: Discount,
    pub min_subtotal_cents: Option<i64>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    pub active: bool,
}

/// A checked partial update: `None` leaves a field as it is. Whether the
/// dates come in order and the usage limit covers the uses made is checked
/// against the stored coupon (`repo::update`).
#[derive(Debug, Clone, Default)]
pub struct CouponChanges {
    pub active: Option<bool>,
    pub min_subtotal_cents: Option<Option<i64>>,
    pub starts_at: Option<Option<DateTime<Utc>>>,
    pub ends_at: Option<Option<DateTime<Utc>>>,
    pub usage_limit: Option<Option<i32>>,
    pub per_customer_limit: Option<Option<i32>>,
}

fn percent(raw: i64) -> Result<i32, String> {
    i32::try_from(raw)
        .ok()
        .filter(|p| (1..=100).contains(p))
        .ok_or_else(|| format!("must be between 1 and 100; it was {raw}"))
}

fn amount(raw: i64) -> Result<i64, String> {
    if raw > 0 {
        Ok(raw)
    } else {
        Err(format!("must be more than 0; it was {raw}"))
    }
}

fn min_subtotal(raw: i64) -> Result<i64, String> {
    if raw >= 0 {
        Ok(raw)
    } else {
        Err(format!("must not be negative; it was {raw}"))
    }
}

fn limit(raw: i64) -> Result<i32, String> {
    i32::try_from(raw)
        .ok()
        .filter(|l| *l > 0)
        .ok_or_else(|| format!("must be between 1 and {}; it was {raw}", i32::MAX))
}

fn checked<T>(raw: Option<T>, check: impl Fn(T) -> Result<T, String>) -> Result<Option<T>, String> {
    raw.map(check).transpose()
}

fn limit_of(raw: Option<i64>) -> Result<Option<i32>, String> {
    raw.map(limit).transpose()
}

/// Ok when `starts_at` comes before `ends_at` (or either is open).
pub(crate) fn in_order(
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
) -> Result<(), String> {
    match (starts_at, ends_at) {
        (Some(s), Some(e)) if s >= e => Err("must be after starts_at".into()),
        _ => Ok(()),
    }
}

impl NewCoupon {
    pub fn parse(body: CreateBody) -> Result<Self, CouponError> {
        let mut f = Fields::default();
        let code = f.check("code", CouponCode::parse(&body.code));
        let discount = match (body.percent_off, body.amount_off_cents) {
            (Some(p), None) => f.check("percent_off", percent(p)).map(Discount::Percent),
            (None, Some(a)) => f.check("amount_off_cents", amount(a)).map(Discount::Amount),
            (Some(_), Some(_)) => {
                f.push(
                    "percent_off",
                    "give percent_off or amount_off_cents, not both",
                );
                None
            }
            (None, None) => {
                f.push(
                    "percent_off",
                    "give percent_off (1 to 100) or amount_off_cents",
                );
                None
            }
        };
        let min_subtotal_cents = f.check(
            "min_subtotal_cents",
            checked(body.min_subtotal_cents, min_subtotal),
        );
        let starts_at = f.check("starts_at", checked(body.starts_at, bounded_instant));
        let ends_at = f.check("ends_at", checked(body.ends_at, bounded_instant));
        if let (Some(s), Some(e)) = (starts_at, ends_at) {
            f.check("ends_at", in_order(s, e));
        }
        let usage_limit = f.check("usage_limit", limit_of(body.usage_limit));
        let per_customer_limit = f.check("per_customer_limit", limit_of(body.per_customer_limit));
        let (
            Some(code),
            Some(discount),
            Some(min_subtotal_cents),
            Some(starts_at),
            Some(ends_at),
            Some(usage_limit),
            Some(per_customer_limit),
            true,
        ) = (
            code,
            discount,
            min_subtotal_cents,
            starts_at,
            ends_at,
            usage_limit,
            per_customer_limit,
            f.is_empty(),
        )
        else {
            return Err(CouponError::Validation(f.into_vec()));
        };
        Ok(NewCoupon {
            code,
            discount,
            min_subtotal_cents,
            starts_at,
            ends_at,
            usage_limit,
            per_customer_limit,
            active: body.active.unwrap_or(true),
        })
    }
}

impl CouponChanges {
    pub fn parse(body: PatchBody) -> Result<Self, CouponError> {
        let mut f = Fields::default();
        let mut changes = CouponChanges::default();
        match body.active {
            None => {}
            Some(None) => f.push(
                "active",
                "cannot be null; leave the field out to keep its value",
            ),
            Some(Some(active)) => changes.active = Some(active),
        }
        if let Some(raw) = body.min_subtotal_cents {
            changes.min_subtotal_cents = f.check("min_subtotal_cents", checked(raw, min_subtotal));
        }
        if let Some(raw) = body.starts_at {
            changes.starts_at = f.check("starts_at", checked(raw, bounded_instant));
        }
        if let Some(raw) = body.ends_at {
            changes.ends_at = f.check("ends_at", checked(raw, bounded_instant));
        }
        if let Some(raw) = body.usage_limit {
            changes.usage_limit = f.check("usage_limit", limit_of(raw));
        }
        if let Some(raw) = body.per_customer_limit {
            changes.per_customer_limit = f.check("per_customer_limit", limit_of(raw));
        }
        if f.is_empty() {
            Ok(changes)
        } else {
            Err(CouponError::Validation(f.into_vec()))
        }
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

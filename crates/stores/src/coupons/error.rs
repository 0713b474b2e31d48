//! What can go wrong with coupons, made by staff or used at checkout, and
//! the one place that says how each failure answers a client.

use chrono::{DateTime, Utc};
use kernel::error::{AppError, FieldError};

use crate::checkout::fields::{summary, validation_failed};

#[derive(Debug, thiserror::Error)]
pub enum CouponError {
    #[error("there is no such coupon")]
    NotFound,
    /// Another coupon has this code.
    #[error("another coupon has this code")]
    CodeTaken,
    /// Every field that failed its check.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    /// A checkout named a code no coupon has.
    #[error("no coupon has this code")]
    UnknownCode,
    /// The coupon exists but cannot be used for this order now.
    #[error("the coupon cannot be used: {0:?}")]
    NotApplicable(Inapplicable),
    /// Every use the coupon allows is taken.
    #[error("the coupon's uses are all taken")]
    Exhausted,
    /// This email has used the coupon as often as one may.
    #[error("the coupon was used {limit} time(s) with this email already")]
    LimitReached { limit: i32 },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable).
    /// Boxed: an error is returned often and should stay small.
    #[error(transparent)]
    Platform(Box<AppError>),
}

/// Why a coupon that exists does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inapplicable {
    /// Switched off by staff.
    Inactive,
    NotStarted {
        starts_at: DateTime<Utc>,
    },
    Expired {
        ended_at: DateTime<Utc>,
    },
    BelowMinimum {
        min_subtotal_cents: i64,
    },
}

impl Inapplicable {
    /// The `reason` member of the answer: stable, for clients to match on.
    pub fn code(self) -> &'static str {
        match self {
            Inapplicable::Inactive => "inactive",
            Inapplicable::NotStarted { .. } => "not_started",
            Inapplicable::Expired { .. } => "expired",
            Inapplicable::BelowMinimum { .. } => "min_subtotal",
        }
    }

    fn detail(self) -> String {
        match self {
            Inapplicable::Inactive => "This coupon is no longer valid.".into(),
            Inapplicable::NotStarted { starts_at } => format!(
                "This coupon is valid from {}; it cannot be used yet.",
                starts_at.to_rfc3339()
            ),
            Inapplicable::Expired { ended_at } => {
                format!("This coupon expired at {}.", ended_at.to_rfc3339())
            }
            Inapplicable::BelowMinimum { min_subtotal_cents } => format!(
                "This coupon needs a subtotal of at least {min_subtotal_cents} cents; add to \
                 the cart or check out without it."
            ),
        }
    }
}

impl From<AppError> for CouponError {
    fn from(e: AppError) -> Self {
        CouponError::Platform(Box::new(e))
    }
}

/// Every status and code a client can meet from coupons. Clients match on
/// the codes: change none of them.
impl From<CouponError> for AppError {
    fn from(e: CouponError) -> Self {
        match e {
            CouponError::NotFound => {
                AppError::not_found("coupon_not_found", "There is no such coupon.")
            }
            CouponError::CodeTaken => AppError::conflict(
                "coupon_code_taken",
                "Another coupon already has this code; choose another.",
            ),
            CouponError::Validation(errors) => validation_failed(errors),
            CouponError::UnknownCode => AppError::invalid(
                "coupon",
                "there is no coupon with this code; check it, or check out without one",
            ),
            CouponError::NotApplicable(why) => {
                AppError::conflict("coupon_not_applicable", why.detail()).with("reason", why.code())
            }
            CouponError::Exhausted => AppError::conflict(
                "coupon_exhausted",
                "This coupon has been used as many times as it allows; check out without it.",
            ),
            CouponError::LimitReached { limit } => AppError::conflict(
                "coupon_limit_reached",
                format!(
                    "This coupon may be used {limit} time(s) per customer, and this email has \
                     used it that often; check out without it."
                ),
            ),
            CouponError::Database(e) => e.into(),
            CouponError::Platform(e) => *e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

//! Unit tests of error.rs: the answers clients and tests rely on.

use kernel::error::StatusCode;

use super::*;

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let at = Utc::now();
    let cases = [
        (CouponError::NotFound, S::NOT_FOUND, "coupon_not_found"),
        (CouponError::CodeTaken, S::CONFLICT, "coupon_code_taken"),
        (
            CouponError::UnknownCode,
            S::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (CouponError::Exhausted, S::CONFLICT, "coupon_exhausted"),
        (
            CouponError::LimitReached { limit: 1 },
            S::CONFLICT,
            "coupon_limit_reached",
        ),
        (
            CouponError::NotApplicable(Inapplicable::Expired { ended_at: at }),
            S::CONFLICT,
            "coupon_not_applicable",
        ),
    ];
    for (error, status, code) in cases {
        let shown = format!("{error:?}");
        let e = AppError::from(error);
        assert_eq!((e.status, e.code), (status, code), "{shown}");
        assert!(!e.detail.is_empty(), "{shown}");
    }
}

#[test]
fn an_unknown_code_is_a_field_error_on_coupon() {
    let e = AppError::from(CouponError::UnknownCode);
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].field, "coupon");
}

#[test]
fn not_applicable_says_why() {
    for (why, reason) in [
        (Inapplicable::Inactive, "inactive"),
        (
            Inapplicable::NotStarted {
                starts_at: Utc::now(),
            },
            "not_started",
        ),
        (
            Inapplicable::Expired {
                ended_at: Utc::now(),
            },
            "expired",
        ),
        (
            Inapplicable::BelowMinimum {
                min_subtotal_cents: 5000,
            },
            "min_subtotal",
        ),
    ] {
        let e = AppError::from(CouponError::NotApplicable(why));
        assert_eq!(e.extensions.unwrap()["reason"], reason);
    }
}

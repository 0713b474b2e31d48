//! Unit tests of error.rs: the answers clients and tests rely on.

use super::*;

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let cases = [
        (CheckoutError::Empty, S::CONFLICT, "cart_empty"),
        (
            CheckoutError::MixedCurrencies,
            S::CONFLICT,
            "currency_mismatch",
        ),
        (
            CheckoutError::TotalTooLarge,
            S::UNPROCESSABLE_ENTITY,
            "total_too_large",
        ),
        (
            CheckoutError::InvalidIdempotencyKey,
            S::BAD_REQUEST,
            "invalid_idempotency_key",
        ),
        (
            CheckoutError::IdempotencyKeyReused,
            S::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
        ),
        (
            CheckoutError::Cart(CartError::CheckedOut),
            S::CONFLICT,
            "cart_checked_out",
        ),
        (
            CheckoutError::Coupon(CouponError::Exhausted),
            S::CONFLICT,
            "coupon_exhausted",
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
fn out_of_stock_names_every_short_line() {
    let lines = vec![
        ShortLine {
            variant_id: Uuid::nil(),
            sku: "MUG-RED".into(),
            requested: 3,
            available: 1,
        },
        ShortLine {
            variant_id: Uuid::max(),
            sku: "MUG-BLUE".into(),
            requested: 1,
            available: 0,
        },
    ];
    let e = AppError::from(CheckoutError::OutOfStock(lines));
    assert_eq!(e.code, "out_of_stock");
    assert!(
        e.detail.contains("MUG-RED (3 asked, 1 left)"),
        "{}",
        e.detail
    );
    let listed = &e.extensions.unwrap()["lines"];
    assert_eq!(listed[1]["sku"], "MUG-BLUE");
    assert_eq!(listed[1]["available"], 0);
    assert_eq!(listed[0]["requested"], 3);
}

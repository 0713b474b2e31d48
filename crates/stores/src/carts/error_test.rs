//! Unit tests of error.rs: the answers clients and tests rely on.

use kernel::error::StatusCode;

use super::*;

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let cases = [
        (CartError::NotFound, S::NOT_FOUND, "cart_not_found"),
        (
            CartError::VariantNotFound,
            S::NOT_FOUND,
            "variant_not_found",
        ),
        (CartError::ItemNotFound, S::NOT_FOUND, "cart_item_not_found"),
        (
            CartError::CurrencyMismatch {
                cart: "EUR".into(),
                variant: "USD".into(),
            },
            S::CONFLICT,
            "currency_mismatch",
        ),
        (CartError::CheckedOut, S::CONFLICT, "cart_checked_out"),
        (CartError::Merged, S::CONFLICT, "cart_merged"),
        (CartError::CustomersOnly, S::FORBIDDEN, "forbidden_role"),
        (
            CartError::too_many(1200),
            S::UNPROCESSABLE_ENTITY,
            "validation_failed",
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
fn insufficient_stock_says_how_many_there_are() {
    let e = AppError::from(CartError::InsufficientStock {
        variant_id: Uuid::nil(),
        requested: 7,
        available: 5,
    });
    assert_eq!(e.status, StatusCode::CONFLICT);
    assert_eq!(e.code, "insufficient_stock");
    let ext = e.extensions.unwrap();
    assert_eq!(ext["available"], 5);
    assert_eq!(ext["requested"], 7);
    assert!(e.detail.contains("Only 5"), "{}", e.detail);
}

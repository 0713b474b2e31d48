//! Unit tests of error.rs: the answers clients and tests rely on.

use super::*;

fn answer(e: CustomerError) -> AppError {
    AppError::from(e)
}

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let cases = [
        (CustomerError::NotFound, S::NOT_FOUND, "customer_not_found"),
        (CustomerError::Erased, S::CONFLICT, "customer_erased"),
        (
            CustomerError::EmailTaken,
            S::CONFLICT,
            "customer_email_taken",
        ),
        (
            CustomerError::InvalidCursor,
            S::BAD_REQUEST,
            "invalid_cursor",
        ),
        (
            CustomerError::InvalidLimit(0),
            S::BAD_REQUEST,
            "invalid_limit",
        ),
        (
            CustomerError::InvalidQuery {
                param: "q",
                problem: "must not contain NUL characters".into(),
            },
            S::BAD_REQUEST,
            "invalid_query",
        ),
        (
            CustomerError::Database(diesel::result::Error::NotFound),
            S::NOT_FOUND,
            "not_found",
        ),
    ];
    for (error, status, code) in cases {
        let shown = format!("{error:?}");
        let e = answer(error);
        assert_eq!((e.status, e.code), (status, code), "{shown}");
        assert!(!e.detail.is_empty(), "{shown}");
    }
}

#[test]
fn validation_lists_every_field_in_one_answer() {
    let e = answer(CustomerError::Validation(vec![
        FieldError {
            field: "name".into(),
            message: "must not be empty".into(),
        },
        FieldError {
            field: "tags".into(),
            message: "has 21 tags; at most 20 tags are allowed".into(),
        },
    ]));
    assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e.code, "validation_failed");
    assert_eq!(
        e.detail,
        "name: must not be empty; tags: has 21 tags; at most 20 tags are allowed"
    );
    assert_eq!(e.errors.len(), 2);
}

#[test]
fn query_and_limit_details_name_the_parameter() {
    let e = answer(CustomerError::InvalidQuery {
        param: "tag",
        problem: "is longer than 40 characters".into(),
    });
    assert_eq!(e.detail, "tag is longer than 40 characters.");
    let e = answer(CustomerError::InvalidLimit(101));
    assert_eq!(e.detail, "limit must be between 1 and 100; it was 101.");
}

//! Unit tests of error.rs.

use super::*;

#[test]
fn validation_is_a_422_naming_every_field() {
    let err = AppError::from(BrandingError::Validation(vec![
        FieldError {
            field: "logo_url".into(),
            message: "must use https".into(),
        },
        FieldError {
            field: "accent_colour".into(),
            message: "must be #rrggbb".into(),
        },
    ]));
    assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err.code, "validation_failed");
    assert_eq!(
        err.detail,
        "logo_url: must use https; accent_colour: must be #rrggbb"
    );
    let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["logo_url", "accent_colour"]);
}

#[test]
fn a_platform_error_passes_through() {
    let err = AppError::from(BrandingError::Platform(AppError::internal("down")));
    assert_eq!(err.status, StatusCode::INTERNAL_SERVER_ERROR);
}

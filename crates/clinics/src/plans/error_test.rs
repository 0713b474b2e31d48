//! Unit tests of error.rs: the answers clients and tests rely on.

use kernel::error::StatusCode;

use super::*;

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let cases = [
        (
            PlanError::PatientNotFound,
            S::NOT_FOUND,
            "patient_not_found",
        ),
        (PlanError::PatientArchived, S::CONFLICT, "patient_archived"),
        (PlanError::NotFound, S::NOT_FOUND, "plan_not_found"),
        (
            PlanError::Validation(vec![FieldError {
                field: "sessions_planned".into(),
                message: "is wrong".into(),
            }]),
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

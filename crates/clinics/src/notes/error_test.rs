//! Unit tests of error.rs: the answers clients and tests rely on.

use kernel::error::StatusCode;

use super::*;

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let cases = [
        (
            NoteError::PatientNotFound,
            S::NOT_FOUND,
            "patient_not_found",
        ),
        (NoteError::PatientArchived, S::CONFLICT, "patient_archived"),
        (NoteError::NotFound, S::NOT_FOUND, "note_not_found"),
        (NoteError::Signed, S::CONFLICT, "note_signed"),
        (NoteError::NotSigned, S::CONFLICT, "note_not_signed"),
        (NoteError::InvalidCursor, S::BAD_REQUEST, "invalid_cursor"),
        (NoteError::InvalidLimit, S::BAD_REQUEST, "invalid_limit"),
        (
            NoteError::Validation(vec![FieldError {
                field: "visit_type".into(),
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

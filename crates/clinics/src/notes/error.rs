//! What can go wrong with clinical notes, and the one place that says how
//! each failure answers a client.

use kernel::error::{AppError, FieldError};

use crate::field_errors::validation_failed;

#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    #[error("there is no such patient")]
    PatientNotFound,
    #[error("the patient is archived")]
    PatientArchived,
    /// No such note here (or an id that cannot be one).
    #[error("there is no such note")]
    NotFound,
    /// The note is signed: it never changes again.
    #[error("the note is signed")]
    Signed,
    /// Only a signed note takes amendments.
    #[error("the note is not signed")]
    NotSigned,
    #[error("the cursor is not one this API handed out")]
    InvalidCursor,
    #[error("the page size is out of range")]
    InvalidLimit,
    /// Every field that failed its check.
    #[error("{0:?}")]
    Validation(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: an error is returned often and should stay small.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for NoteError {
    fn from(e: AppError) -> Self {
        NoteError::Platform(Box::new(e))
    }
}

/// Every status and code a client can meet from notes. Clients match on
/// the codes: change none of them.
impl From<NoteError> for AppError {
    fn from(e: NoteError) -> Self {
        match e {
            NoteError::PatientNotFound => {
                AppError::not_found("patient_not_found", "There is no such patient here.")
            }
            NoteError::PatientArchived => AppError::conflict(
                "patient_archived",
                "The patient is archived; restore them before adding to their record.",
            ),
            NoteError::NotFound => AppError::not_found("note_not_found", "There is no such note."),
            NoteError::Signed => AppError::conflict(
                "note_signed",
                "The note is signed and can no longer change; add an amendment to correct it.",
            ),
            NoteError::NotSigned => AppError::conflict(
                "note_not_signed",
                "Only a signed note takes amendments; edit this one directly, or sign it first.",
            ),
            NoteError::InvalidCursor => AppError::bad_request(
                "invalid_cursor",
                "The cursor is not one this API handed out; use next_cursor from a previous \
                 page as is, or leave it out to start from the first page.",
            ),
            NoteError::InvalidLimit => AppError::bad_request(
                "invalid_limit",
                format!("limit must be between 1 and {}.", super::repo::MAX_PAGE),
            ),
            NoteError::Validation(errors) => validation_failed(errors),
            NoteError::Database(e) => e.into(),
            NoteError::Platform(e) => *e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

//! What can go wrong with a patient's record, and the one place that turns
//! it into the answer a client sees.

use kernel::error::{AppError, FieldError, StatusCode};

use super::search::MAX_LIMIT;

#[derive(Debug, thiserror::Error)]
pub enum PatientError {
    /// No patient with this id here (or an id that cannot be one).
    #[error("there is no such patient")]
    NotFound,
    /// An archived record is read, exported or brought back, not changed.
    #[error("the patient is archived")]
    Archived,
    /// The change was made against an older version of the record.
    #[error("the record changed since version {sent}; it is at {current}")]
    VersionConflict { sent: i64, current: i64 },
    /// The customer record is already another patient's.
    #[error("the customer is already linked to another patient")]
    CustomerTaken,
    /// Every field that failed its check, so one answer lists all of them.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    /// A page cursor this API did not hand out, or one of another search.
    #[error("the cursor is not one this API handed out for this search")]
    InvalidCursor,
    /// A search parameter the database cannot take.
    #[error("{param} {problem}")]
    InvalidQuery {
        param: &'static str,
        problem: String,
    },
    /// A page size outside 1..=MAX_LIMIT (refused, not clamped).
    #[error("limit must be between 1 and {MAX_LIMIT}; it was {0}")]
    InvalidLimit(i64),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: the platform's error is large and this one travels by value.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for PatientError {
    fn from(e: AppError) -> Self {
        PatientError::Platform(Box::new(e))
    }
}

impl PatientError {
    /// A single field's problem.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        PatientError::Validation(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }
}

/// `field: message; field: message`, as the problem's detail.
fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<PatientError> for AppError {
    fn from(e: PatientError) -> Self {
        match e {
            PatientError::NotFound => {
                AppError::not_found("patient_not_found", "There is no such patient here.")
            }
            PatientError::Archived => AppError::conflict(
                "patient_archived",
                "This patient is archived: bring the record back (POST .../unarchive) \
                 before changing it.",
            ),
            PatientError::VersionConflict { sent, current } => AppError::conflict(
                "version_conflict",
                format!(
                    "The record changed since version {sent} (it is at version {current}); \
                     read it again and make the change on the current version."
                ),
            )
            .with("version", current),
            PatientError::CustomerTaken => AppError::conflict(
                "customer_already_patient",
                "This customer is already linked to another patient; a customer is one \
                 patient at most.",
            ),
            PatientError::Validation(errors) => {
                let mut err = AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    summary(&errors),
                );
                err.errors = errors;
                err
            }
            PatientError::InvalidCursor => AppError::bad_request(
                "invalid_cursor",
                "The cursor is not one this API handed out for this search; use next_cursor \
                 from the previous page with the same q, or leave it out to start again.",
            ),
            PatientError::InvalidQuery { param, problem } => {
                AppError::bad_request("invalid_query", format!("{param} {problem}."))
            }
            PatientError::InvalidLimit(limit) => AppError::bad_request(
                "invalid_limit",
                format!("limit must be between 1 and {MAX_LIMIT}; it was {limit}."),
            ),
            PatientError::Database(e) => e.into(),
            PatientError::Platform(e) => *e,
        }
    }
}

//! What can go wrong with a tenant's customers, and the one place that turns
//! it into the answer a client sees.

use kernel::error::{AppError, FieldError, StatusCode};

use crate::listing::MAX_LIMIT;

#[derive(Debug, thiserror::Error)]
pub enum CustomerError {
    /// No live customer with this id (or an id that cannot be one).
    #[error("there is no such customer")]
    NotFound,
    /// The record's personal data was erased; it can no longer change.
    #[error("the customer's personal data was erased")]
    Erased,
    /// Another live customer has this email (the partial unique index).
    #[error("another customer already has this email address")]
    EmailTaken,
    /// Every field that failed its check, so one answer lists all of them.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    /// A page cursor this API did not hand out (edited, truncated, junk).
    #[error("the cursor is not one this API handed out")]
    InvalidCursor,
    /// A search parameter (`q`, `tag`) the database cannot take.
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
    /// The platform could not do the work (database unreachable).
    #[error(transparent)]
    Platform(#[from] AppError),
}

/// `field: message; field: message`, as the problem's detail.
fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<CustomerError> for AppError {
    fn from(e: CustomerError) -> Self {
        match e {
            CustomerError::NotFound => AppError::not_found(
                "customer_not_found",
                "There is no such customer here; it may have been deleted.",
            ),
            CustomerError::Erased => AppError::conflict(
                "customer_erased",
                "This customer's personal data was erased; the record can no longer be changed.",
            ),
            CustomerError::EmailTaken => AppError::conflict(
                "customer_email_taken",
                "Another customer already has this email address.",
            ),
            CustomerError::Validation(errors) => {
                let mut err = AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    summary(&errors),
                );
                err.errors = errors;
                err
            }
            CustomerError::InvalidCursor => AppError::bad_request(
                "invalid_cursor",
                "The cursor is not one this API handed out; use next_cursor from a previous page as is, \
                 or leave it out to start from the first page.",
            ),
            CustomerError::InvalidQuery { param, problem } => {
                AppError::bad_request("invalid_query", format!("{param} {problem}."))
            }
            CustomerError::InvalidLimit(limit) => AppError::bad_request(
                "invalid_limit",
                format!("limit must be between 1 and {MAX_LIMIT}; it was {limit}."),
            ),
            CustomerError::Database(e) => e.into(),
            CustomerError::Platform(e) => e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

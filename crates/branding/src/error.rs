//! What can go wrong with a tenant's branding, and the one place that turns
//! it into the answer a client sees.

use kernel::error::{AppError, FieldError, StatusCode};

#[derive(Debug, thiserror::Error)]
pub enum BrandingError {
    /// Every field that failed its check, so one answer lists all of them.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
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

impl From<BrandingError> for AppError {
    fn from(e: BrandingError) -> Self {
        match e {
            BrandingError::Validation(errors) => {
                let mut err = AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    summary(&errors),
                );
                err.errors = errors;
                err
            }
            BrandingError::Database(e) => e.into(),
            BrandingError::Platform(e) => e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

//! Field problems gathered for one answer: a request with three bad fields
//! hears about all three in one 422 `validation_failed`, not one per try.
//! Carts, coupons and checkout read their bodies through this.

use kernel::error::{AppError, FieldError, StatusCode};

#[derive(Debug, Default)]
pub(crate) struct Fields(Vec<FieldError>);

impl Fields {
    /// The value, or None with the field's problem noted.
    pub(crate) fn check<T>(&mut self, field: &str, checked: Result<T, String>) -> Option<T> {
        checked.map_err(|message| self.push(field, message)).ok()
    }

    pub(crate) fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

/// `field: message; field: message`, as the problem's detail.
pub(crate) fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The one 422 listing every field that failed.
pub(crate) fn validation_failed(errors: Vec<FieldError>) -> AppError {
    let mut e = AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
        summary(&errors),
    );
    e.errors = errors;
    e
}

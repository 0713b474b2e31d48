//! Field problems gathered for one answer: a note or a plan with three bad
//! fields hears about all three in one 422 `validation_failed`.

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

    /// Ok when no field failed, else every problem noted.
    pub(crate) fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// The one 422 listing every field that failed.
pub(crate) fn validation_failed(errors: Vec<FieldError>) -> AppError {
    let detail = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ");
    let mut e = AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
        detail,
    );
    e.errors = errors;
    e
}

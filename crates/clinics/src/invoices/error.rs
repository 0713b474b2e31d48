//! What can go wrong with a clinic's invoices, and how a client hears of it.

use kernel::error::{AppError, FieldError, StatusCode};

use super::model::InvoiceStatus;

#[derive(Debug, thiserror::Error)]
pub enum InvoiceError {
    #[error("there is no such patient")]
    PatientNotFound,
    #[error("there is no such invoice")]
    NotFound,
    /// Only a draft changes or is issued.
    #[error("the invoice is {0}, not a draft")]
    NotDraft(InvoiceStatus),
    /// A draft is neither paid nor voided: it has no number yet.
    #[error("the invoice is a draft")]
    NotIssued,
    #[error("the invoice is void")]
    Void,
    #[error("the invoice is paid already")]
    Paid,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: the platform's error is large and this one travels by value.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for InvoiceError {
    fn from(e: AppError) -> Self {
        InvoiceError::Platform(Box::new(e))
    }
}

impl InvoiceError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        InvoiceError::Invalid(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }
}

impl From<InvoiceError> for AppError {
    fn from(e: InvoiceError) -> Self {
        match e {
            InvoiceError::PatientNotFound => {
                AppError::not_found("patient_not_found", "There is no such patient here.")
            }
            InvoiceError::NotFound => {
                AppError::not_found("invoice_not_found", "There is no such invoice here.")
            }
            InvoiceError::NotDraft(status) => AppError::conflict(
                "invoice_not_draft",
                format!(
                    "This invoice is {status}: only a draft changes or is issued. \
                     Void it and make another if it is wrong."
                ),
            )
            .with("invoice_status", status.as_str()),
            InvoiceError::NotIssued => AppError::conflict(
                "invoice_not_issued",
                "This invoice is still a draft: issue it first.",
            ),
            InvoiceError::Void => AppError::conflict(
                "invoice_void",
                "This invoice is void: it takes no payment and stays void.",
            ),
            InvoiceError::Paid => {
                AppError::conflict("invoice_paid", "This invoice is paid in full already.")
            }
            InvoiceError::Invalid(errors) => {
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
            InvoiceError::Database(e) => e.into(),
            InvoiceError::Platform(e) => *e,
        }
    }
}

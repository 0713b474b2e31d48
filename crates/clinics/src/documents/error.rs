//! What can go wrong with a patient's documents, and how a client hears of it.

use kernel::error::{AppError, StatusCode};
use storage::UploadError;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("there is no such patient")]
    PatientNotFound,
    #[error("there is no such document")]
    NotFound,
    #[error("the upload has no file")]
    MissingFile,
    #[error("the file is not one that can be kept")]
    Upload(UploadError),
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: the platform's error is large and this one travels by value.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for DocumentError {
    fn from(e: AppError) -> Self {
        DocumentError::Platform(Box::new(e))
    }
}

impl From<DocumentError> for AppError {
    fn from(e: DocumentError) -> Self {
        match e {
            DocumentError::PatientNotFound => {
                AppError::not_found("patient_not_found", "There is no such patient here.")
            }
            DocumentError::NotFound => {
                AppError::not_found("document_not_found", "There is no such document here.")
            }
            DocumentError::MissingFile => AppError::invalid(
                "file",
                "attach the document as the form field `file` (multipart/form-data)",
            ),
            DocumentError::Upload(UploadError::Empty) => {
                AppError::invalid("file", "the file is empty")
            }
            DocumentError::Upload(UploadError::TooLarge { max_bytes }) => AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "file_too_large",
                format!(
                    "The file is larger than {} MB; send a smaller scan or export.",
                    max_bytes.div_ceil(1024 * 1024)
                ),
            ),
            DocumentError::Upload(UploadError::UnsupportedType { .. }) => AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_file_type",
                "The file is not a PDF, PNG or JPEG (judged by its content, not its name).",
            ),
            DocumentError::Invalid { field, message } => AppError::invalid(field, message),
            DocumentError::Database(e) => e.into(),
            DocumentError::Platform(e) => *e,
        }
    }
}

//! What can go wrong with prescriptions, and how a client hears of it.

use kernel::error::{AppError, StatusCode};
use storage::UploadError;

use crate::orders::OrderError;

#[derive(Debug, thiserror::Error)]
pub enum PrescriptionError {
    /// No such prescription here (or an id that cannot be one).
    #[error("there is no such prescription")]
    NotFound,
    /// The order needs no prescription, or is past the point of taking one.
    #[error("the order takes no prescription now")]
    NotExpected,
    #[error("the prescription was reviewed already")]
    AlreadyReviewed,
    #[error("the upload has no file")]
    MissingFile,
    #[error("the file is not one that can be kept")]
    Upload(UploadError),
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// Boxed, like the platform's error: both are large, and this error
    /// travels by value through every handler.
    #[error(transparent)]
    Order(Box<OrderError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<OrderError> for PrescriptionError {
    fn from(e: OrderError) -> Self {
        PrescriptionError::Order(Box::new(e))
    }
}

impl From<AppError> for PrescriptionError {
    fn from(e: AppError) -> Self {
        PrescriptionError::Platform(Box::new(e))
    }
}

impl From<PrescriptionError> for AppError {
    fn from(e: PrescriptionError) -> Self {
        match e {
            PrescriptionError::NotFound => AppError::not_found(
                "prescription_not_found",
                "There is no such prescription here.",
            ),
            PrescriptionError::NotExpected => AppError::conflict(
                "prescription_not_expected",
                "This order takes no prescription now: none of its products needs one, or it \
                 was reviewed already, or the order is closed.",
            ),
            PrescriptionError::AlreadyReviewed => AppError::conflict(
                "prescription_reviewed",
                "This prescription was reviewed already; the decision stands.",
            ),
            PrescriptionError::MissingFile => AppError::invalid(
                "file",
                "attach the prescription as the form field `file` (multipart/form-data)",
            ),
            PrescriptionError::Upload(UploadError::Empty) => {
                AppError::invalid("file", "the file is empty")
            }
            PrescriptionError::Upload(UploadError::TooLarge { max_bytes }) => AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "file_too_large",
                format!(
                    "The file is larger than {} MB; send a smaller scan or photo.",
                    max_bytes.div_ceil(1024 * 1024)
                ),
            ),
            PrescriptionError::Upload(UploadError::UnsupportedType { .. }) => AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_file_type",
                "The file is not a PDF, PNG or JPEG (judged by its content, not its name).",
            ),
            PrescriptionError::Invalid { field, message } => AppError::invalid(field, message),
            PrescriptionError::Order(e) => (*e).into(),
            PrescriptionError::Database(e) => e.into(),
            PrescriptionError::Platform(e) => *e,
        }
    }
}

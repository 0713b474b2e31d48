//! What can go wrong with the clinic's reports, and how each failure
//! answers a client.

use kernel::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl ReportError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        ReportError::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<AppError> for ReportError {
    fn from(e: AppError) -> Self {
        ReportError::Platform(Box::new(e))
    }
}

impl From<bookings::BookingError> for ReportError {
    fn from(e: bookings::BookingError) -> Self {
        AppError::from(e).into()
    }
}

impl From<ReportError> for AppError {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::Invalid { field, message } => AppError::invalid(field, message),
            ReportError::Database(e) => e.into(),
            ReportError::Platform(e) => *e,
        }
    }
}

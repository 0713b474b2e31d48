//! What can go wrong with a whole sync request (a single record's trouble
//! is its own `rejected` answer), and how each failure answers a client.

use kernel::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the cursor is not one this API handed out")]
    InvalidCursor,
    #[error("the page size is out of range")]
    InvalidLimit,
    #[error("too many changes in one push")]
    TooManyChanges,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: an error is returned often and should stay small.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for SyncError {
    fn from(e: AppError) -> Self {
        SyncError::Platform(Box::new(e))
    }
}

/// Every status and code a client can meet from sync as a whole. Clients
/// match on the codes: change none of them.
impl From<SyncError> for AppError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::InvalidCursor => AppError::bad_request(
                "invalid_cursor",
                "The cursor is not one this API handed out; send `cursor` from the previous \
                 pull as is, or leave `since` out to start from the beginning.",
            ),
            SyncError::InvalidLimit => AppError::bad_request(
                "invalid_limit",
                format!("limit must be between 1 and {}.", super::MAX_PULL),
            ),
            SyncError::TooManyChanges => AppError::invalid(
                "changes",
                format!(
                    "at most {} changes per push; send the rest in another push",
                    super::MAX_CHANGES
                ),
            ),
            SyncError::Database(e) => e.into(),
            SyncError::Platform(e) => *e,
        }
    }
}

//! What can go wrong with treatment plans, and the one place that says how
//! each failure answers a client.

use kernel::error::{AppError, FieldError};

use crate::field_errors::validation_failed;

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("there is no such patient")]
    PatientNotFound,
    #[error("the patient is archived")]
    PatientArchived,
    #[error("there is no such plan")]
    NotFound,
    /// Every field that failed its check.
    #[error("{0:?}")]
    Validation(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: an error is returned often and should stay small.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for PlanError {
    fn from(e: AppError) -> Self {
        PlanError::Platform(Box::new(e))
    }
}

/// Every status and code a client can meet from plans. Clients match on
/// the codes: change none of them.
impl From<PlanError> for AppError {
    fn from(e: PlanError) -> Self {
        match e {
            PlanError::PatientNotFound => {
                AppError::not_found("patient_not_found", "There is no such patient here.")
            }
            PlanError::PatientArchived => AppError::conflict(
                "patient_archived",
                "The patient is archived; restore them before adding to their record.",
            ),
            PlanError::NotFound => AppError::not_found("plan_not_found", "There is no such plan."),
            PlanError::Validation(errors) => validation_failed(errors),
            PlanError::Database(e) => e.into(),
            PlanError::Platform(e) => *e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

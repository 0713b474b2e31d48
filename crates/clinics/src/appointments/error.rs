//! What can go wrong with a patient's appointments, and the one place
//! that says how each failure answers a client.

use kernel::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum AppointmentError {
    #[error("there is no such patient")]
    PatientNotFound,
    #[error("the patient is archived")]
    PatientArchived,
    /// The patient's own overlap constraint refused the time.
    #[error("the patient already has an appointment at that time")]
    PatientBusy,
    /// A booking is mailed to its customer, whose record is found by email.
    #[error("the patient has no email")]
    EmailMissing,
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// Boxed: an error is returned often and should stay small. Bookings'
    /// and customers' failures arrive here already mapped by their crates.
    #[error(transparent)]
    Platform(Box<AppError>),
}

impl From<AppError> for AppointmentError {
    fn from(e: AppError) -> Self {
        AppointmentError::Platform(Box::new(e))
    }
}

impl From<bookings::BookingError> for AppointmentError {
    fn from(e: bookings::BookingError) -> Self {
        AppError::from(e).into()
    }
}

/// Every status and code a client can meet from appointments, besides the
/// bookings' own (slot_unavailable, slot_not_offered, ...). Clients match
/// on the codes: change none of them.
impl From<AppointmentError> for AppError {
    fn from(e: AppointmentError) -> Self {
        match e {
            AppointmentError::PatientNotFound => {
                AppError::not_found("patient_not_found", "There is no such patient here.")
            }
            AppointmentError::PatientArchived => AppError::conflict(
                "patient_archived",
                "The patient is archived; restore them before booking for them.",
            ),
            AppointmentError::PatientBusy => AppError::conflict(
                "patient_busy",
                "The patient already has an appointment that overlaps this time; \
                 pick another time or move the other appointment first.",
            ),
            AppointmentError::EmailMissing => AppError::invalid(
                "email",
                "add the patient's email to their record first: the booking's \
                 confirmation and reminders are mailed to it",
            ),
            AppointmentError::Invalid { field, message } => AppError::invalid(field, message),
            AppointmentError::Database(e) => e.into(),
            AppointmentError::Platform(e) => *e,
        }
    }
}

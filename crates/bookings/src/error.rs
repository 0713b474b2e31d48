//! What can go wrong in bookings, and the one place that says how each
//! failure answers a client (status, stable `code`, message).

use chrono::{DateTime, Utc};
use kernel::error::{AppError, StatusCode};

use crate::availability::rfc3339;
use crate::model::Status;

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("{0:?} not found")]
    NotFound(Missing),
    /// The schedule never offers this start for the service.
    #[error("{} is not a bookable time for this service", rfc3339(*start))]
    SlotNotOffered { start: DateTime<Utc> },
    /// The schedule offers it, but every staff member who could take it is taken.
    #[error("the slot is taken")]
    SlotUnavailable,
    #[error("a {from} booking cannot become {to}")]
    InvalidTransition { from: Status, to: Status },
    /// Inside the tenant's cancellation notice: the manage link no longer changes it.
    #[error("too late to change the booking online")]
    TooLateToChange {
        change: Change,
        notice_minutes: i32,
        deadline: DateTime<Utc>,
    },
    /// The booking no longer holds its time (cancelled, completed, no-show).
    #[error("a {status} booking cannot be changed")]
    BookingNotActive {
        status: Status,
        change: Change,
        /// Asked through the customer's manage link, rather than by staff.
        via_link: bool,
    },
    #[error("the booking link is not valid")]
    InvalidLink,
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A query parameter that cannot be read (400, not a field error).
    #[error("{field}: {message}")]
    InvalidQuery {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    InvalidRange(String),
    #[error("the Idempotency-Key was used for a different request")]
    IdempotencyKeyReused,
    /// Too many bookings from one client address, email or phone.
    #[error("too many bookings; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The customer already holds as many upcoming bookings as one may.
    #[error("the customer already has {cap} upcoming bookings")]
    TooManyPending { cap: u32 },
    /// No request awaits this confirmation link (never issued, or used).
    #[error("the confirmation link is not valid")]
    ConfirmationInvalid,
    /// The request's confirmation link is past its time.
    #[error("the confirmation link has expired")]
    ConfirmationExpired,
    /// The time a request asked for is no longer bookable (notice, hours).
    #[error("the requested time can no longer be booked")]
    SlotNoLongerOffered,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable, a bug).
    #[error(transparent)]
    Platform(#[from] AppError),
}

/// What a request named that is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Booking,
    Service,
    /// The service exists but is switched off: not bookable.
    BookableService,
    Staff,
    Category,
    TimeOff,
}

/// A change a customer or staff member asks of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Cancel,
    Reschedule,
}

impl Change {
    /// As messages say it: "can no longer be cancelled".
    pub fn done(self) -> &'static str {
        match self {
            Change::Cancel => "cancelled",
            Change::Reschedule => "rescheduled",
        }
    }
}

impl BookingError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        BookingError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// For a validation that reports `Err(message)` about one field.
    pub(crate) fn field<T>(field: &str, checked: Result<T, String>) -> Result<T, Self> {
        checked.map_err(|message| Self::invalid(field, message))
    }
}

impl Missing {
    fn answer(self) -> AppError {
        let (code, detail) = match self {
            Missing::Booking => ("booking_not_found", "There is no such booking."),
            Missing::Service => ("service_not_found", "There is no such service."),
            Missing::BookableService => ("service_not_found", "This service is not bookable."),
            Missing::Staff => ("staff_not_found", "There is no such staff member."),
            Missing::Category => ("category_not_found", "There is no such service category."),
            Missing::TimeOff => ("time_off_not_found", "There is no such time off."),
        };
        AppError::not_found(code, detail)
    }
}

/// Every status, code and message a client can meet from bookings. Clients
/// and tests match on the codes: change none of them.
impl From<BookingError> for AppError {
    fn from(e: BookingError) -> Self {
        match e {
            BookingError::NotFound(what) => what.answer(),
            BookingError::SlotNotOffered { start } => {
                let mut e = AppError::invalid(
                    "start",
                    format!(
                        "{} is not a bookable time for this service; ask the availability endpoint for free slots",
                        rfc3339(start)
                    ),
                );
                e.code = "slot_not_offered";
                e
            }
            BookingError::SlotUnavailable => AppError::conflict(
                "slot_unavailable",
                "Someone else has just booked this time; choose another slot.",
            ),
            BookingError::InvalidTransition { from, to } => AppError::conflict(
                "invalid_transition",
                format!("A {from} booking cannot become {to}."),
            ),
            BookingError::TooLateToChange {
                change,
                notice_minutes,
                deadline,
            } => AppError::conflict(
                "too_late_to_change",
                format!(
                    "Bookings can be {} online until {} before the start ({}); please contact the business.",
                    change.done(),
                    humanize_minutes(notice_minutes),
                    rfc3339(deadline)
                ),
            ),
            BookingError::BookingNotActive {
                status,
                change,
                via_link,
            } => AppError::conflict(
                "booking_not_active",
                if via_link {
                    format!(
                        "This booking is {status} and can no longer be {}.",
                        change.done()
                    )
                } else {
                    format!(
                        "A {status} booking cannot be {}; make a new booking.",
                        change.done()
                    )
                },
            ),
            BookingError::InvalidLink => AppError::not_found(
                "booking_link_invalid",
                "This booking link is not valid. Check that you copied the whole link from your confirmation mail.",
            ),
            BookingError::Invalid { field, message } => AppError::invalid(&field, message),
            BookingError::InvalidQuery { field, message } => {
                AppError::bad_request("invalid_query", format!("{field}: {message}"))
            }
            BookingError::InvalidRange(detail) => AppError::bad_request("invalid_range", detail),
            BookingError::IdempotencyKeyReused => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for a different request; use a new key.",
            ),
            BookingError::RateLimited { retry_after_secs } => {
                let mut e = AppError::too_many_requests(retry_after_secs);
                e.detail = format!(
                    "Too many bookings from here; try again in {retry_after_secs} seconds."
                );
                e
            }
            BookingError::TooManyPending { cap } => AppError::conflict(
                "too_many_pending_bookings",
                format!(
                    "This email already has {cap} upcoming bookings here, the most one person may hold online; cancel one or contact the business."
                ),
            ),
            BookingError::ConfirmationInvalid => AppError::not_found(
                "booking_confirmation_invalid",
                "This confirmation link is not valid, or was used already. Check that you copied the whole link from the mail.",
            ),
            BookingError::ConfirmationExpired => AppError::new(
                StatusCode::GONE,
                "booking_confirmation_expired",
                "This confirmation link has expired and nothing was booked; please make a new booking.",
            ),
            BookingError::SlotNoLongerOffered => AppError::conflict(
                "slot_no_longer_offered",
                "The time you asked for can no longer be booked; please choose another slot.",
            ),
            BookingError::Database(e) => e.into(),
            BookingError::Platform(e) => e,
        }
    }
}

/// "7 day(s)", "2 hour(s)", "90 minute(s)": the notice as people say it.
fn humanize_minutes(m: i32) -> String {
    match m {
        m if m % 1440 == 0 && m >= 1440 => format!("{} day(s)", m / 1440),
        m if m % 60 == 0 && m >= 60 => format!("{} hour(s)", m / 60),
        m => format!("{m} minute(s)"),
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

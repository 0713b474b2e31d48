//! What can go wrong with a shop's payments, and the one place that turns
//! it into the answer a client sees.

use kernel::error::{AppError, FieldError, StatusCode};

use super::provider::ProviderError;
use super::webhook::MAX_BODY_BYTES;
use crate::orders::OrderError;

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    /// Missing, not signing this body with the shop's secret, too old or
    /// too new, or the shop has no secret yet.
    #[error("the payment signature is not valid")]
    InvalidSignature,
    #[error("the event is not one the shop reads: {0}")]
    InvalidEvent(String),
    #[error("the event is larger than {MAX_BODY_BYTES} bytes")]
    EventTooLarge,
    /// The order's provider takes cards, but the shop has no key for it.
    #[error("card payments are not set up")]
    NotConfigured,
    /// The provider could not be reached or refused; the cause is logged.
    #[error("{message}")]
    Provider { message: String, cause: String },
    /// Boxed: an order's error is as large as the platform's, and the
    /// payment error stays small to return.
    #[error(transparent)]
    Order(Box<OrderError>),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    #[error(transparent)]
    Platform(#[from] AppError),
}

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<OrderError> for PaymentError {
    fn from(e: OrderError) -> Self {
        PaymentError::Order(Box::new(e))
    }
}

impl From<ProviderError> for PaymentError {
    fn from(e: ProviderError) -> Self {
        match e {
            ProviderError::NotConfigured => PaymentError::NotConfigured,
            ProviderError::Failed { message, cause } => PaymentError::Provider { message, cause },
        }
    }
}

/// Every status, code and message a client can meet from payments.
/// Clients and tests match on the codes: change none of them.
impl From<PaymentError> for AppError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::Validation(errors) => {
                let mut err = AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    summary(&errors),
                );
                err.errors = errors;
                err
            }
            PaymentError::InvalidSignature => AppError::bad_request(
                "invalid_signature",
                "The X-Payment-Signature header is missing, does not sign this body with the \
                 shop's webhook secret, or is more than 5 minutes from the server's time.",
            ),
            PaymentError::InvalidEvent(detail) => AppError::bad_request(
                "invalid_event",
                format!("The event is not one the shop reads: {detail}."),
            ),
            PaymentError::EventTooLarge => AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                format!("A payment event is at most {MAX_BODY_BYTES} bytes."),
            ),
            PaymentError::NotConfigured => AppError::unavailable(
                "payments_not_configured",
                "Card payment is not set up in this shop right now; contact the shop.",
            ),
            PaymentError::Provider { message, cause } => {
                let mut e =
                    AppError::new(StatusCode::BAD_GATEWAY, "payment_provider_error", message);
                e.internal = Some(cause);
                e
            }
            PaymentError::Order(e) => (*e).into(),
            PaymentError::Database(e) => e.into(),
            PaymentError::Platform(e) => e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

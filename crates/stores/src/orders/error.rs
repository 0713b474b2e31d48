//! What can go wrong with orders, and the one place that turns it into the
//! answer a client sees.

use kernel::error::{AppError, FieldError, StatusCode};

use super::listing::MAX_LIMIT;
use super::status::{allowed_list, OrderStatus};

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// No such order here, or one the caller may not see: the same answer,
    /// so an order's existence is never revealed to anyone else.
    #[error("there is no such order")]
    NotFound,
    #[error("a {from} order cannot become {to}")]
    InvalidTransition { from: OrderStatus, to: OrderStatus },
    /// A line needs a prescription that is not approved yet.
    #[error("the order's prescription is not approved")]
    PrescriptionRequired { prescription_status: String },
    /// The buyer may cancel or pay only an order that waits for payment.
    #[error("the order is {0}, not waiting for payment")]
    NotPending(OrderStatus),
    /// An invoice exists only for an order that was paid.
    #[error("the order is not paid")]
    NotPaid(OrderStatus),
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error("the cursor is not one this API handed out")]
    InvalidCursor,
    #[error("{param} {problem}")]
    InvalidQuery {
        param: &'static str,
        problem: String,
    },
    #[error("limit must be between 1 and {MAX_LIMIT}; it was {0}")]
    InvalidLimit(i64),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable, a bug).
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

/// Every status, code and message a client can meet from orders. Clients
/// and tests match on the codes: change none of them.
impl From<OrderError> for AppError {
    fn from(e: OrderError) -> Self {
        match e {
            OrderError::NotFound => AppError::not_found(
                "order_not_found",
                "There is no such order here. Check the link, or sign in with the account \
                 that placed it.",
            ),
            OrderError::InvalidTransition { from, to } => {
                let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
                AppError::conflict(
                    "invalid_transition",
                    format!(
                        "A {from} order cannot become {to}; it can become: {}.",
                        allowed_list(from)
                    ),
                )
                .with("from", from.as_str())
                .with("to", to.as_str())
                .with("allowed", allowed)
            }
            OrderError::PrescriptionRequired {
                prescription_status,
            } => AppError::conflict(
                "prescription_required",
                format!(
                    "This order holds a product that needs a prescription, and its prescription \
                     is {}; approve it before the order ships.",
                    prescription_status.replace('_', " ")
                ),
            ),
            OrderError::NotPending(status) => AppError::conflict(
                "order_not_pending",
                format!(
                    "This order is {status}; only an order waiting for payment can be paid or \
                     cancelled here. Contact the shop about it."
                ),
            ),
            OrderError::NotPaid(status) => AppError::conflict(
                "order_not_paid",
                format!("This order is {status} and was never paid, so it has no invoice."),
            ),
            OrderError::Validation(errors) => {
                let mut err = AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    summary(&errors),
                );
                err.errors = errors;
                err
            }
            OrderError::InvalidCursor => AppError::bad_request(
                "invalid_cursor",
                "The cursor is not one this API handed out; use next_cursor from a previous page \
                 as is, or leave it out to start from the first page.",
            ),
            OrderError::InvalidQuery { param, problem } => {
                AppError::bad_request("invalid_query", format!("{param} {problem}."))
            }
            OrderError::InvalidLimit(limit) => AppError::bad_request(
                "invalid_limit",
                format!("limit must be between 1 and {MAX_LIMIT}; it was {limit}."),
            ),
            OrderError::Database(e) => e.into(),
            OrderError::Platform(e) => e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

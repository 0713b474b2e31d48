//! The order list's query string, checked: status, email, the creation
//! window, page size and cursor. Newest first, paged by (created_at, id)
//! with the customers' tamper-evident cursor.

use chrono::{DateTime, Utc};
use customers::cursor::Cursor;
use customers::listing::contains_pattern;
use serde::Deserialize;

use super::error::OrderError;
use super::status::OrderStatus;

pub const DEFAULT_LIMIT: i64 = 20;
/// Asking for more is refused rather than clamped, so a client never
/// mistakes a short page for the end of the list.
pub const MAX_LIMIT: i64 = 100;
pub const MAX_EMAIL_CHARS: usize = 254;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only orders in this status: pending_payment, paid, processing,
    /// shipped, delivered, cancelled or refunded.
    #[param(max_length = 20)]
    pub status: Option<String>,
    /// Orders whose email contains this text (staff).
    #[param(max_length = 254)]
    pub email: Option<String>,
    /// Orders placed at or after this time (RFC 3339).
    pub created_from: Option<DateTime<Utc>>,
    /// Orders placed before this time (RFC 3339).
    pub created_to: Option<DateTime<Utc>>,
    /// Page size, 20 when left out.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, as it was given.
    pub cursor: Option<String>,
}

/// Whose orders a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The site's team: every order.
    All,
    /// A signed-in customer: their own only.
    Customer(uuid::Uuid),
}

#[derive(Debug, Clone)]
pub struct ListFilter {
    pub status: Option<OrderStatus>,
    /// An ILIKE pattern, wildcards of the text escaped.
    pub email_pattern: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    pub limit: i64,
    pub after: Option<Cursor>,
}

fn invalid(param: &'static str, problem: impl Into<String>) -> OrderError {
    OrderError::InvalidQuery {
        param,
        problem: problem.into(),
    }
}

fn instant(
    param: &'static str,
    at: Option<DateTime<Utc>>,
) -> Result<Option<DateTime<Utc>>, OrderError> {
    at.map(|at| kernel::input::bounded_instant(at).map_err(|m| invalid(param, m)))
        .transpose()
}

impl ListFilter {
    pub fn parse(query: ListQuery) -> Result<Self, OrderError> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(OrderError::InvalidLimit(limit));
        }
        let after = match query.cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(Cursor::decode(raw).map_err(|_| OrderError::InvalidCursor)?),
        };
        let status = match query.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(OrderStatus::parse(raw).ok_or_else(|| {
                invalid(
                    "status",
                    format!("must be one of {}", OrderStatus::choices()),
                )
            })?),
        };
        let email = match query.email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) if text.chars().count() > MAX_EMAIL_CHARS => {
                return Err(invalid(
                    "email",
                    format!("is longer than {MAX_EMAIL_CHARS} characters"),
                ))
            }
            Some(text) if text.contains('\0') => {
                return Err(invalid("email", "must not contain NUL characters"))
            }
            // Stored lower-case.
            Some(text) => Some(contains_pattern(&text.to_lowercase())),
        };
        let created_from = instant("created_from", query.created_from)?;
        let created_to = instant("created_to", query.created_to)?;
        if let (Some(from), Some(to)) = (created_from, created_to) {
            if from >= to {
                return Err(invalid("created_to", "must be after created_from"));
            }
        }
        Ok(ListFilter {
            status,
            email_pattern: email,
            created_from,
            created_to,
            limit,
            after,
        })
    }
}

#[cfg(test)]
#[path = "listing_test.rs"]
mod tests;

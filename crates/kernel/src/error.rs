//! The error every capability's own error enum maps to, in one place each:
//! a status, a stable `code`, a message a person can act on, and field
//! errors. It knows no web framework: the JSON API renders it as RFC 9457
//! problem+json, the web pages as a page or a form message. A 5xx keeps its
//! cause for the log and shows none of it.

use serde::Serialize;

pub use http::StatusCode;

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
    /// Seconds, for 429 answers.
    pub retry_after: Option<u64>,
    /// Field-level messages for validation problems.
    pub errors: Vec<FieldError>,
    /// The cause of a 5xx: logged, never sent.
    pub internal: Option<String>,
    /// Members a problem of this kind adds to the body (RFC 9457
    /// extensions), e.g. the limit a plan refused and the plans that lift it.
    /// Boxed: most errors carry none, and the error stays small to return.
    pub extensions: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

/// One field's problem in a validation answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field as the request named it: `email`, `customer.name`, `rules[2]`.
    pub field: String,
    pub message: String,
}

/// An error as RFC 9457 problem details.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem<'a> {
    /// A URL naming the kind of problem, derived from `code`.
    #[serde(rename = "type")]
    #[schema(format = "uri")]
    pub kind: String,
    /// The HTTP status's reason phrase.
    pub title: &'a str,
    /// The HTTP status code, as in the response line.
    pub status: u16,
    /// What went wrong, in words a person can act on.
    pub detail: &'a str,
    /// Stable and machine-readable: clients match on this.
    pub code: &'a str,
    /// The fields that failed their checks (validation problems only).
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    #[schema(value_type = Option<Vec<FieldError>>)]
    pub errors: &'a [FieldError],
    /// Members only some problems carry (`limit`, `value`, `plans` for
    /// `plan_limit_reached`; `feature`, `plans` for `feature_not_in_plan`).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub extensions: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

pub type AppResult<T> = Result<T, AppError>;

/// The members `AppError::problem` writes into every body.
const PROBLEM_MEMBERS: [&str; 6] = ["type", "title", "status", "detail", "code", "errors"];

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            detail: detail.into(),
            retry_after: None,
            errors: Vec::new(),
            internal: None,
            extensions: None,
        }
    }

    /// Adds a member to the problem's body. Its name must not be one every
    /// problem has (`status`, `code`, ...): the body would then carry two
    /// members of one name, and clients read whichever they meet last.
    pub fn with(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        debug_assert!(
            !PROBLEM_MEMBERS.contains(&name),
            "the problem member `{name}` is not free for an extension"
        );
        self.extensions
            .get_or_insert_with(Box::default)
            .insert(name.to_string(), value.into());
        self
    }

    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, detail)
    }

    /// Input that is well-formed but breaks a rule (422), with the field it concerns.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            format!("{field}: {message}"),
        );
        e.errors.push(FieldError {
            field: field.to_string(),
            message,
        });
        e
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, detail)
    }

    pub fn forbidden(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, detail)
    }

    pub fn not_found(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, detail)
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, detail)
    }

    pub fn too_many_requests(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many attempts; try again in {retry_after} seconds."),
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// Anything unexpected: the cause is logged with the request id, the client
    /// sees a generic message.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our side; it has been logged.",
        );
        e.internal = Some(cause.to_string());
        e
    }

    pub fn unavailable(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, code, detail)
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.internal {
            Some(cause) => write!(f, "{} ({}): {}", self.code, self.status, cause),
            None => write!(f, "{} ({}): {}", self.code, self.status, self.detail),
        }
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// The RFC 9457 body of this error. A 5xx keeps its cause out of it.
    pub fn problem(&self) -> Problem<'_> {
        Problem {
            kind: format!(
                "https://docs.platform.local/problems/{}",
                self.code.replace('_', "-")
            ),
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            detail: &self.detail,
            code: self.code,
            errors: &self.errors,
            extensions: self.extensions.as_deref(),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => AppError::not_found("not_found", "No such record."),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => AppError::conflict(
                "already_exists",
                format!(
                    "A record with the same unique value already exists{}.",
                    info.constraint_name()
                        .map(|c| format!(" ({c})"))
                        .unwrap_or_default()
                ),
            ),
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                AppError::conflict("conflict", "A concurrent change got there first; retry.")
            }
            other => AppError::internal(other),
        }
    }
}

impl From<crate::db::PoolError> for AppError {
    fn from(e: crate::db::PoolError) -> Self {
        let mut err = AppError::unavailable(
            "database_unavailable",
            "The database is not reachable right now; try again shortly.",
        );
        err.internal = Some(e.to_string());
        err
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;

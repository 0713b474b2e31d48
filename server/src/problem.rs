//! The JSON API's one error rendering: any capability error becomes a
//! `kernel::AppError` (each capability maps its own enum in one place), and
//! leaves here as RFC 9457 problem+json. A 5xx logs its cause inside the
//! request's span (with the request id) and sends none of it.

use actix_web::http::header;
use actix_web::{HttpResponse, ResponseError};
use kernel::error::{AppError, StatusCode};

#[derive(Debug)]
pub struct ApiError(pub AppError);

pub type ApiResult<T> = Result<T, ApiError>;

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status
    }

    fn error_response(&self) -> HttpResponse {
        let e = &self.0;
        if let Some(cause) = &e.internal {
            tracing::error!(code = e.code, cause = %cause, "request failed");
        }
        let mut res = HttpResponse::build(e.status);
        res.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Some(secs) = e.retry_after {
            res.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        res.body(serde_json::to_string(&e.problem()).unwrap_or_default())
    }
}

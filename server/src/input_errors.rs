//! Extractor failures (bad JSON, bad query, bad path, oversize body) become
//! problem+json 4xx answers with a message a person can act on.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};

use kernel::error::AppError;

use crate::problem::{ApiError, ApiResult};

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let e = match &err {
        JsonPayloadError::OverflowKnownLength { length, limit } => AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("The body is {length} bytes; at most {limit} are accepted."),
        ),
        JsonPayloadError::Overflow { limit } => AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("The body is over the limit of {limit} bytes."),
        ),
        JsonPayloadError::ContentType => AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as JSON with Content-Type: application/json.",
        ),
        JsonPayloadError::Deserialize(de) if de.is_data() => AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            format!("The JSON body does not fit: {de}."),
        ),
        JsonPayloadError::Deserialize(de) => AppError::bad_request(
            "malformed_json",
            format!("The body is not valid JSON: {de}."),
        ),
        other => AppError::bad_request("invalid_body", format!("Cannot read the body: {other}.")),
    };
    ApiError(e).into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError(AppError::bad_request(
        "invalid_query",
        format!("Bad query parameters: {err}."),
    ))
    .into()
}

fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError(AppError::not_found(
        "not_found",
        format!("No such resource: {err}."),
    ))
    .into()
}

pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(json_error)
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(query_error)
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(path_error)
}

pub async fn route_not_found() -> ApiResult<actix_web::HttpResponse> {
    Err(AppError::not_found("route_not_found", "There is no such endpoint.").into())
}

/// Without this a wrong method gets actix's empty 405 instead of a problem.
pub async fn method_not_allowed() -> ApiResult<actix_web::HttpResponse> {
    Err(AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "This endpoint does not accept that HTTP method.",
    )
    .into())
}

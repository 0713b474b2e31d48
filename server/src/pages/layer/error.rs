//! Errors as pages: the same `AppError` the JSON API renders as
//! problem+json becomes a page in the site's language here, with the
//! status it stands for. A 5xx says nothing of its cause.

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use kernel::error::AppError;

use super::page::{html_response, Page};

#[derive(Template)]
#[template(path = "layer/error.html")]
pub struct ErrorPage<'a> {
    pub p: &'a Page,
    pub status: u16,
    pub title_key: &'static str,
    pub text_key: &'static str,
}

impl<'a> ErrorPage<'a> {
    pub fn for_status(p: &'a Page, status: StatusCode) -> Self {
        let (title_key, text_key) = match status.as_u16() {
            402 => ("error-paused-title", "error-paused-text"),
            403 => ("error-forbidden-title", "error-forbidden-text"),
            404 | 410 => ("error-not-found-title", "error-not-found-text"),
            409 => ("error-conflict-title", "error-conflict-text"),
            429 => ("error-busy-title", "error-busy-text"),
            400..=499 => ("error-bad-request-title", "error-bad-request-text"),
            _ => ("error-server-title", "error-server-text"),
        };
        ErrorPage {
            p,
            status: status.as_u16(),
            title_key,
            text_key,
        }
    }
}

/// A page that could not be made, already rendered as its error page.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub html: String,
    pub cookies: Vec<Cookie<'static>>,
}

impl PageError {
    /// When not even the page's context could be made (no application
    /// state): the status in plain words.
    pub fn plain(status: StatusCode) -> Self {
        PageError {
            status,
            html: status.to_string(),
            cookies: Vec::new(),
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "page error {}", self.status)
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        html_response(self.status, self.html.clone(), self.cookies.clone())
    }
}

/// An error met before any handler (an unknown host, a suspended site), for
/// a request that wants a page.
pub fn error_page(req: &HttpRequest, e: AppError) -> HttpResponse {
    match Page::of(req, None) {
        Ok(page) => page.fail(e).error_response(),
        Err(_) => PageError::plain(e.status).error_response(),
    }
}

/// Pages are for browsers: a request that takes HTML and is not for the
/// JSON API gets an error page rather than problem+json.
pub fn wants_page(req: &HttpRequest) -> bool {
    !req.path().starts_with("/api/")
        && req
            .headers()
            .get(actix_web::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
}

/// The pages' fallback: a 404 page for a browser, else the API's problem.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    let e = AppError::not_found("route_not_found", "There is no such endpoint.");
    if wants_page(&req) {
        error_page(&req, e)
    } else {
        crate::problem::ApiError(e).error_response()
    }
}

//! One log line per request with its id, tenant and latency. Paths are
//! logged without the tokens some of them carry (manage links). Each request
//! is also counted in the metrics, by route pattern (never by tenant).

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use tracing::Instrument;

use crate::extract::CurrentTenant;
use crate::state::AppState;

/// The request's id, as logged and answered in X-Request-Id.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Takes the caller's X-Request-Id when it is short and printable, so a trace
/// can cross nginx and the app; otherwise makes one.
fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string())
}

/// Path segments that a token follows (`/api/v1/bookings/manage/{token}/...`,
/// and the manage page, `/booking/{token}/...`).
const TOKEN_BEFORE: &[&str] = &["manage", "booking"];

/// The path with the segment after each `TOKEN_BEFORE` segment replaced:
/// logs are read by more people, and kept longer, than the database.
pub fn redacted_path(path: &str) -> String {
    // Every request is logged: most paths carry no token and are kept as
    // they are, without splitting.
    if !TOKEN_BEFORE.iter().any(|t| path.contains(t)) {
        return path.to_string();
    }
    let mut redact_next = false;
    path.split('/')
        .map(|segment| {
            let out = if redact_next && !segment.is_empty() {
                "<redacted>"
            } else {
                segment
            };
            redact_next = TOKEN_BEFORE.contains(&segment);
            out
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let id = request_id(&req);
    let span = tracing::info_span!("request", request_id = %id);
    let method = req.method().to_string();
    let path = redacted_path(req.path());
    // Taken now for a request that fails before it has a response (the
    // request itself cannot be kept: routing needs it unshared).
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.metrics.clone());
    let http_method = req.method().clone();
    // Kept on the request too: the clinic's access audit records it.
    req.extensions_mut().insert(RequestId(id.clone()));
    // Errors from handlers and from the tenancy middleware arrive here as
    // responses already, rendered inside this span (so a 500's cause is
    // logged with the request id).
    let mut res = match next.call(req).instrument(span.clone()).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(e) => {
            span.in_scope(|| tracing::warn!(method, path, error = %e, "request failed early"));
            if let Some(metrics) = &metrics {
                let status = e.as_response_error().status_code();
                metrics
                    .http
                    .observe(&http_method, None, status, started.elapsed());
            }
            return Err(e);
        }
    };
    if let Some(metrics) = &metrics {
        let request = res.request();
        metrics.http.observe(
            request.method(),
            request.match_pattern().as_deref(),
            res.status(),
            started.elapsed(),
        );
    }
    let tenant = res
        .request()
        .extensions()
        .get::<CurrentTenant>()
        .map(|t| t.slug.clone());
    let status = res.status().as_u16();
    span.in_scope(|| {
        tracing::info!(
            method,
            path,
            status,
            tenant = tenant.as_deref().unwrap_or("-"),
            latency_ms = started.elapsed().as_secs_f64() * 1000.0,
            "handled"
        );
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(res)
}

#[cfg(test)]
#[path = "telemetry_test.rs"]
mod tests;

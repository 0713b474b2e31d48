//! Tenant resolution for every request (middleware), and the extractor
//! handlers use to get the tenant the middleware found.

use std::future::{ready, Ready};
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use kernel::error::AppError;
use tenancy::host::normalize;
use tenancy::{Resolved, Tenant};

use crate::problem::ApiError;
use crate::request_meta::service_request_host;
use crate::state::AppState;

/// Paths answered on any host, with or without a tenant: the probes, and
/// the API document and its page (the same for every tenant).
fn is_host_independent(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
        || crate::openapi::serves(path)
        || crate::pages::is_host_independent(path)
}

pub async fn resolve_tenant<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if !is_host_independent(req.path()) {
        let attached = attach_tenant(&req)
            .await
            .and_then(|()| refuse_if_read_only(&req));
        if let Err(e) = attached {
            // Answer here, so the request never reaches a handler; a
            // browser gets a page, an API client problem+json.
            if crate::pages::wants_page(req.request()) {
                let page = crate::pages::layer::error::error_page(req.request(), e);
                return Ok(req.into_response(page).map_into_right_body());
            }
            return Ok(req.error_response(ApiError(e)).map_into_right_body());
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

async fn attach_tenant(req: &ServiceRequest) -> Result<(), AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("application state missing"))?;
    let raw = service_request_host(req, &state.settings.trusted_proxies).unwrap_or_default();
    let host = normalize(&raw).ok_or_else(|| {
        AppError::bad_request("invalid_host", "The request has no valid Host header.")
    })?;
    if let Resolved::Tenant(tenant) = state.registry.resolve(&host).await? {
        let mut ext = req.extensions_mut();
        ext.insert(CurrentTenant(tenant));
        ext.insert(SiteHost(
            raw.trim().trim_end_matches('.').to_ascii_lowercase(),
        ));
    }
    Ok(())
}

/// A past-due tenant whose grace period has passed is read-only: reads
/// answer as usual, every write is 402 until a payment arrives (the
/// subscription's change refreshes the registry at once). Signing in and
/// out, password resets and the billing routes stay open, so the owner can
/// get in and pay.
fn refuse_if_read_only(req: &ServiceRequest) -> Result<(), AppError> {
    let Some(since) = req
        .extensions()
        .get::<CurrentTenant>()
        .and_then(|t| t.past_due_since)
    else {
        return Ok(());
    };
    if req.method().is_safe() || stays_writable(req.path()) {
        return Ok(());
    }
    let grace_days = req
        .app_data::<web::Data<AppState>>()
        .map_or(0, |s| s.settings.billing.grace_days);
    if chrono::Utc::now() < since + chrono::Duration::days(grace_days) {
        return Ok(());
    }
    Err(AppError::new(
        actix_web::http::StatusCode::PAYMENT_REQUIRED,
        "subscription_past_due",
        "This site's subscription is past due, so it is read-only: nothing can be booked or \
         changed online until the owner pays (Billing, or POST /api/v1/billing/checkout-session).",
    ))
}

pub fn stays_writable(path: &str) -> bool {
    const OPEN: [&str; 12] = [
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-reset/confirm",
        "/admin/login",
        "/admin/logout",
        "/admin/billing/checkout",
        "/account/login",
        "/account/logout",
        "/account/reset",
        "/reset-password",
    ];
    // Sign-up is on the platform's host, where no tenant is read-only.
    OPEN.contains(&path) || path.starts_with("/api/v1/billing/") || path == "/api/v1/signup"
        // A shop's buyer has paid: the provider's word is taken whatever
        // the site's own subscription.
        || path == "/api/v1/payments/webhook"
}

/// The host (with its port, if any) the client used to reach the tenant's
/// site: links mailed to people point back to it.
#[derive(Clone, Debug)]
pub struct SiteHost(pub String);

impl SiteHost {
    pub fn of(req: &HttpRequest) -> Option<String> {
        req.extensions().get::<SiteHost>().map(|h| h.0.clone())
    }
}

/// The tenant of this request. Extracting it on the platform host (no
/// tenant) is a 404, so tenant routes need no check of their own.
#[derive(Clone)]
pub struct CurrentTenant(pub Arc<Tenant>);

impl std::ops::Deref for CurrentTenant {
    type Target = Tenant;
    fn deref(&self) -> &Tenant {
        &self.0
    }
}

impl CurrentTenant {
    /// Runs one operation in this tenant's transaction (the one door, on
    /// the blocking pool). The operation's own error type comes back.
    pub async fn run<T, E, F>(&self, state: &AppState, op: F) -> Result<T, E>
    where
        F: FnOnce(&mut diesel::PgConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<AppError> + From<diesel::result::Error> + Send + 'static,
    {
        kernel::db::tenant_tx_as(&state.pool, &self.schema, op).await
    }

    /// The tenant, for code that holds only the HttpRequest.
    pub fn extract_now(req: &HttpRequest) -> Result<Self, AppError> {
        req.extensions()
            .get::<CurrentTenant>()
            .cloned()
            .ok_or_else(|| {
                AppError::not_found(
                    "tenant_not_found",
                    "This endpoint belongs to a tenant's site; call it on the tenant's host.",
                )
            })
    }
}

impl FromRequest for CurrentTenant {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::extract_now(req).map_err(ApiError))
    }
}

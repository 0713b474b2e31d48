//! What the auth endpoints take from the request besides the body: the
//! client's address (for rate limits) and the site's base URL (for links in
//! mails).

use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::dev::Payload;
use actix_web::http::header::HOST;
use actix_web::{web, FromRequest, HttpRequest};

use crate::config::Settings;
use crate::error::AppError;
use crate::request_meta::client_addr;
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;
use crate::tenancy::Tenant;

fn state_of(req: &HttpRequest) -> Result<&web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("application state missing"))
}

/// The client's address; X-Forwarded-For counts only from trusted proxies.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequest for ClientAddr {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(state_of(req).map(|s| ClientAddr(client_addr(req, &s.settings.trusted_proxies))))
    }
}

/// `scheme://host` of the tenant's site as the client reached it, so a link
/// mailed from a custom domain leads back to that domain.
#[derive(Debug, Clone)]
pub struct SiteUrl(String);

impl SiteUrl {
    pub fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.0)
    }

    /// The host the request named. The tenant middleware resolved this very
    /// host to this tenant, so it cannot point to anyone else's site; the
    /// port is kept (development servers are not on 80/443).
    fn of(req: &HttpRequest, settings: &Settings, tenant: &Tenant) -> Self {
        let peer = req.peer_addr().map(|a| a.ip());
        let trusted =
            peer.is_some_and(|ip| settings.trusted_proxies.iter().any(|n| n.contains(&ip)));
        let header = |name: &str| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|v| v.trim().to_ascii_lowercase())
                .filter(|v| !v.is_empty())
        };
        let named = trusted
            .then(|| header("x-forwarded-host"))
            .flatten()
            .or_else(|| header(HOST.as_str()))
            .filter(|h| {
                h.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
            });
        let host = named.unwrap_or_else(|| format!("{}.{}", tenant.slug, settings.base_domain));
        SiteUrl(format!("{}://{host}", settings.public_scheme))
    }
}

impl FromRequest for SiteUrl {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let site = state_of(req).and_then(|state| {
            let tenant = CurrentTenant::extract_now(req)?;
            Ok(SiteUrl::of(req, &state.settings, &tenant))
        });
        ready(site)
    }
}

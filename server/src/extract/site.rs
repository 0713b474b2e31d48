//! The tenant's site as the client reached it, and the client's address.

use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use kernel::error::AppError;
use tenancy::Site;

use super::tenant::{CurrentTenant, SiteHost};
use crate::problem::ApiError;
use crate::request_meta::client_addr;
use crate::state::AppState;

pub fn state_of(req: &HttpRequest) -> Result<&web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("application state missing").into())
}

/// The client's address; X-Forwarded-For counts only from trusted proxies.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequest for ClientAddr {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(state_of(req).map(|s| ClientAddr(client_addr(req, &s.settings.trusted_proxies))))
    }
}

/// The site of this request, for links in mails: the host the tenant
/// middleware resolved to this very tenant (so it cannot lead to anyone
/// else's site), with its port, or else the tenant's subdomain.
#[derive(Debug, Clone)]
pub struct RequestSite(pub Site);

impl RequestSite {
    pub fn of(req: &HttpRequest) -> Result<Self, ApiError> {
        let state = state_of(req)?;
        let tenant = CurrentTenant::extract_now(req)?;
        Ok(RequestSite(Site::new(
            (*tenant.0).clone(),
            SiteHost::of(req),
            &state.settings.public_scheme,
            &state.settings.base_domain,
        )))
    }
}

impl std::ops::Deref for RequestSite {
    type Target = Site;
    fn deref(&self) -> &Site {
        &self.0
    }
}

impl FromRequest for RequestSite {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::of(req))
    }
}

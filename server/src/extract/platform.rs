//! Routes of the platform itself (sign-up, the payment provider's
//! webhook) answer only on the platform's own host: on a tenant's host they
//! do not exist.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use kernel::error::AppError;

use super::tenant::CurrentTenant;
use crate::problem::ApiError;

/// The request came to the platform's host (the middleware found no tenant).
#[derive(Debug, Clone, Copy)]
pub struct PlatformHost;

impl FromRequest for PlatformHost {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let on_tenant = req.extensions().get::<CurrentTenant>().is_some();
        ready(if on_tenant {
            Err(ApiError(AppError::not_found(
                "platform_only",
                "This endpoint belongs to the platform's own host, not to a tenant's site.",
            )))
        } else {
            Ok(PlatformHost)
        })
    }
}

//! Who is signed in: the bearer token, checked against the request's
//! tenant (a token from another tenant is refused), and the role checks of
//! the staff and admin routes.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest};
use identity::AuthUser;
use kernel::error::AppError;

use super::site::state_of;
use super::tenant::CurrentTenant;
use crate::problem::ApiError;

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    let tenant = CurrentTenant::extract_now(req)?;
    let state = state_of(req)?;
    let token = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            AppError::unauthorized(
                "missing_token",
                "Sign in and send the access token as 'Authorization: Bearer <token>'.",
            )
        })?;
    Ok(AuthUser::from_token(&state.keys, token, tenant.id)?)
}

/// A signed-in user of the request's tenant, any role.
#[derive(Debug, Clone)]
pub struct SignedIn(pub AuthUser);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).map(SignedIn))
    }
}

/// A signed-in owner, admin or staff member of the request's tenant.
#[derive(Debug, Clone)]
pub struct StaffUser(pub AuthUser);

impl FromRequest for StaffUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|user| {
            if user.role.is_staff() {
                Ok(StaffUser(user))
            } else {
                Err(AppError::forbidden(
                    "forbidden_role",
                    "Only the site's owner, admins and staff may do this.",
                )
                .into())
            }
        }))
    }
}

/// A signed-in owner or admin of the request's tenant.
#[derive(Debug, Clone)]
pub struct AdminUser(pub AuthUser);

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|user| {
            if user.role.is_admin() {
                Ok(AdminUser(user))
            } else {
                Err(AppError::forbidden(
                    "forbidden_role",
                    "Only the site's owner and admins may do this.",
                )
                .into())
            }
        }))
    }
}

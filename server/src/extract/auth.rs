//! Who is signed in: the bearer token, checked against the request's
//! tenant (a token from another tenant is refused), the role checks of the
//! staff and admin routes, and then against the database (still a member,
//! same role, session not signed out; cached for a few seconds).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest};
use identity::{AuthUser, Role};
use kernel::error::AppError;
use kernel::values::SchemaName;

use super::site::state_of;
use super::tenant::CurrentTenant;
use crate::problem::ApiError;

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// The role a route asks for; the token's claim is checked first, so a
/// token that could never pass costs no query.
#[derive(Clone, Copy)]
enum Needs {
    AnyRole,
    Staff,
    Admin,
    Owner,
}

impl Needs {
    fn check(self, role: Role) -> Result<(), AppError> {
        match self {
            Needs::AnyRole => Ok(()),
            Needs::Staff if role.is_staff() => Ok(()),
            Needs::Admin if role.is_admin() => Ok(()),
            Needs::Owner if role == Role::Owner => Ok(()),
            Needs::Owner => Err(AppError::forbidden(
                "forbidden_role",
                "Only the site's owner may do this.",
            )),
            Needs::Staff => Err(AppError::forbidden(
                "forbidden_role",
                "Only the site's owner, admins and staff may do this.",
            )),
            Needs::Admin => Err(AppError::forbidden(
                "forbidden_role",
                "Only the site's owner and admins may do this.",
            )),
        }
    }
}

/// What the token says, checked without the database, with the schema of
/// its tenant (where customer accounts are checked).
fn claimed(req: &HttpRequest, needs: Needs) -> Result<(AuthUser, SchemaName), ApiError> {
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
    let user = AuthUser::from_token(&state.keys, token, tenant.id)?;
    needs.check(user.role)?;
    Ok((user, tenant.schema.clone()))
}

fn authenticate(req: &HttpRequest, needs: Needs) -> Extracted<AuthUser> {
    let checked = claimed(req, needs).and_then(|claim| Ok((claim, state_of(req)?.clone())));
    Box::pin(async move {
        let ((user, schema), state) = checked?;
        state.access.confirm(&state.pool, &schema, &user).await?;
        Ok(user)
    })
}

/// A signed-in user of the request's tenant, any role.
#[derive(Debug, Clone)]
pub struct SignedIn(pub AuthUser);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = authenticate(req, Needs::AnyRole);
        Box::pin(async move { user.await.map(SignedIn) })
    }
}

/// A signed-in owner, admin or staff member of the request's tenant.
#[derive(Debug, Clone)]
pub struct StaffUser(pub AuthUser);

impl FromRequest for StaffUser {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = authenticate(req, Needs::Staff);
        Box::pin(async move { user.await.map(StaffUser) })
    }
}

/// A signed-in owner or admin of the request's tenant.
#[derive(Debug, Clone)]
pub struct AdminUser(pub AuthUser);

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = authenticate(req, Needs::Admin);
        Box::pin(async move { user.await.map(AdminUser) })
    }
}

/// The signed-in owner of the request's tenant (paying for the site).
#[derive(Debug, Clone)]
pub struct OwnerUser(pub AuthUser);

impl FromRequest for OwnerUser {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let user = authenticate(req, Needs::Owner);
        Box::pin(async move { user.await.map(OwnerUser) })
    }
}

/// The signed-in user when the request carries a bearer token, None when it
/// carries none. Unlike `Option<SignedIn>`, a token that is there but no
/// longer good (expired, signed out, another site's) is a 401, so a client
/// learns to refresh it instead of being served as a visitor.
#[derive(Debug, Clone)]
pub struct OptionalUser(pub Option<AuthUser>);

impl OptionalUser {
    /// The customer's id (a customer account's id is its record's), when a
    /// customer is signed in.
    pub fn customer_id(&self) -> Option<uuid::Uuid> {
        self.0
            .as_ref()
            .filter(|u| u.role == Role::Customer)
            .map(|u| u.user_id)
    }
}

impl FromRequest for OptionalUser {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if !req.headers().contains_key(AUTHORIZATION) {
            return Box::pin(std::future::ready(Ok(OptionalUser(None))));
        }
        let user = authenticate(req, Needs::AnyRole);
        Box::pin(async move { user.await.map(|u| OptionalUser(Some(u))) })
    }
}

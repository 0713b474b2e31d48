//! Access tokens: short-lived HS256 JWTs bound to one tenant.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{web, FromRequest, HttpRequest};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Admin,
    Staff,
    Customer,
}

impl Role {
    pub fn parse(raw: &str) -> Option<Role> {
        Some(match raw {
            "owner" => Role::Owner,
            "admin" => Role::Admin,
            "staff" => Role::Staff,
            "customer" => Role::Customer,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Customer => "customer",
        }
    }

    /// Owner, admin and staff work for the tenant; customers do not.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Owner | Role::Admin | Role::Staff)
    }

    pub fn is_admin(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user.
    pub sub: Uuid,
    /// The tenant the token was issued on; it is refused anywhere else.
    pub tid: Uuid,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl_secs: i64,
}

impl JwtKeys {
    pub fn new(secret: &str, ttl_secs: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            ttl_secs: ttl_secs.min(15 * 60),
        }
    }

    pub fn issue(&self, user_id: Uuid, tenant_id: Uuid, role: Role) -> Result<String, AppError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id,
            tid: tenant_id,
            role,
            iat: now,
            exp: now + self.ttl_secs,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(AppError::internal)
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => AppError::unauthorized(
                    "token_expired",
                    "The access token has expired; refresh it or log in again.",
                ),
                _ => AppError::unauthorized("invalid_token", "The access token is not valid."),
            })
    }
}

/// A signed-in user of the request's tenant.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub role: Role,
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, AppError> {
    let tenant = CurrentTenant::extract_now(req)?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::internal("application state missing"))?;
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
    let claims = state.keys.verify(token)?;
    if claims.tid != tenant.id {
        return Err(AppError::unauthorized(
            "token_wrong_tenant",
            "This access token was issued for another site.",
        ));
    }
    Ok(AuthUser {
        user_id: claims.sub,
        tenant_id: claims.tid,
        role: claims.role,
    })
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = authenticate(req);
        Box::pin(async move { result })
    }
}

/// A signed-in owner, admin or staff member of the request's tenant.
#[derive(Debug, Clone)]
pub struct StaffUser(pub AuthUser);

impl FromRequest for StaffUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = authenticate(req).and_then(|user| {
            if user.role.is_staff() {
                Ok(StaffUser(user))
            } else {
                Err(AppError::forbidden(
                    "forbidden_role",
                    "Only the site's owner, admins and staff may do this.",
                ))
            }
        });
        Box::pin(async move { result })
    }
}

/// A signed-in owner or admin of the request's tenant.
#[derive(Debug, Clone)]
pub struct AdminUser(pub AuthUser);

impl FromRequest for AdminUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = authenticate(req).and_then(|user| {
            if user.role.is_admin() {
                Ok(AdminUser(user))
            } else {
                Err(AppError::forbidden(
                    "forbidden_role",
                    "Only the site's owner and admins may do this.",
                ))
            }
        });
        Box::pin(async move { result })
    }
}

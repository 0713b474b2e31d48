//! Access tokens: short-lived HS256 JWTs bound to one tenant.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::errors::AuthError;
use kernel::error::AppError;

kernel::text_enum! {
    /// What a person is in one tenant (public.memberships.role).
    pub enum Role {
        Owner => "owner",
        Admin => "admin",
        Staff => "staff",
        Customer => "customer",
    }
}

impl Role {
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
    /// The sign-in session (refresh-token family) the token belongs to:
    /// signing that session out, or changing the password, ends the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Uuid>,
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

    /// A token of a sign-in session: what login, refresh and register hand out.
    pub fn issue_for_session(
        &self,
        user_id: Uuid,
        tenant_id: Uuid,
        role: Role,
        session_id: Uuid,
    ) -> Result<String, AuthError> {
        self.sign(user_id, tenant_id, role, Some(session_id))
    }

    /// A token outside any session, for tools and tests that hold the
    /// secret. The server never issues one; membership and role are still
    /// checked on every request.
    pub fn issue(&self, user_id: Uuid, tenant_id: Uuid, role: Role) -> Result<String, AuthError> {
        self.sign(user_id, tenant_id, role, None)
    }

    fn sign(
        &self,
        user_id: Uuid,
        tenant_id: Uuid,
        role: Role,
        sid: Option<Uuid>,
    ) -> Result<String, AuthError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id,
            tid: tenant_id,
            role,
            sid,
            iat: now,
            exp: now + self.ttl_secs,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AuthError::Platform(AppError::internal(e)))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AuthError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => AuthError::AccessTokenExpired,
                _ => AuthError::InvalidAccessToken,
            })
    }
}

/// A signed-in user of the request's tenant, as the token says; the
/// server confirms it against the database (`access::AccessCheck`).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: Uuid,
    pub tenant_id: Uuid,
    pub role: Role,
    /// The token's sign-in session, when it has one.
    pub session_id: Option<Uuid>,
}

impl AuthUser {
    /// The signed-in user a bearer token names, if it was issued on `tenant_id`.
    pub fn from_token(keys: &JwtKeys, token: &str, tenant_id: Uuid) -> Result<Self, AuthError> {
        let claims = keys.verify(token)?;
        if claims.tid != tenant_id {
            return Err(AuthError::TokenWrongTenant);
        }
        Ok(AuthUser {
            user_id: claims.sub,
            tenant_id: claims.tid,
            role: claims.role,
            session_id: claims.sid,
        })
    }

    /// Who made a change, as histories and audit trails show it.
    pub fn label(&self) -> String {
        format!("{}:{}", self.role.as_str(), self.user_id)
    }
}

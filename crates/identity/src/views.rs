//! What the auth endpoints answer.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::customer_accounts::AccountRow;
use super::tokens::Role;
use super::users::UserRow;
use tenancy::Tenant;

/// The answer to login and refresh (and part of register's).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    /// Seconds the access token is valid for.
    pub expires_in: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub email_verified: bool,
    pub role: Role,
}

impl UserView {
    pub fn new(user: &UserRow, role: Role) -> Self {
        UserView {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            email_verified: user.email_verified_at.is_some(),
            role,
        }
    }

    /// A customer account: its id is its customer record's.
    pub fn customer(account: &AccountRow) -> Self {
        UserView {
            id: account.customer_id,
            email: account.email.clone(),
            name: account.name.clone(),
            email_verified: true,
            role: Role::Customer,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantView {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
}

impl From<&Tenant> for TenantView {
    fn from(t: &Tenant) -> Self {
        TenantView {
            id: t.id,
            slug: t.slug.clone(),
            name: t.name.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Registered {
    pub user: UserView,
    #[serde(flatten)]
    pub tokens: TokenPair,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub user: UserView,
    pub tenant: TenantView,
}

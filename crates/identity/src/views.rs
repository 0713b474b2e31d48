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
    /// The sign-in address; null for a customer who signs in by phone only
    /// and gave no address.
    pub email: Option<String>,
    pub name: String,
    pub email_verified: bool,
    /// The number a customer signs in with by text message, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub role: Role,
}

impl UserView {
    pub fn new(user: &UserRow, role: Role) -> Self {
        UserView {
            id: user.id,
            email: Some(user.email.clone()),
            name: user.name.clone(),
            email_verified: user.email_verified_at.is_some(),
            phone: None,
            role,
        }
    }

    /// A customer account: its id is its customer record's.
    pub fn customer(account: &AccountRow) -> Self {
        UserView {
            id: account.customer_id,
            email: Some(account.email.clone()),
            name: account.name.clone(),
            email_verified: true,
            phone: None,
            role: Role::Customer,
        }
    }

    /// A customer who signs in by phone: the record's contact email, if it
    /// has one, is not a proven sign-in address.
    pub fn phone_customer(id: Uuid, name: String, email: Option<String>, phone: String) -> Self {
        UserView {
            id,
            email,
            name,
            email_verified: false,
            phone: Some(phone),
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

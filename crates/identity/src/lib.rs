//! Identity: who may sign in where. Platform accounts (public.users) with
//! their roles in tenants (memberships) for the people who work for
//! tenants; customer accounts in each tenant's own schema for its
//! customers. Access and refresh tokens, sign-in, password reset, email
//! verification, invitations and phone sign-in codes. HTTP stays out: the server's extractors and handlers
//! call these operations.

pub mod access;
pub mod action_tokens;
pub mod customer_accounts;
pub mod errors;
pub mod input;
pub mod invitations;
pub mod owner;
pub mod page_session;
pub mod password;
pub mod phone_codes;
pub mod phone_logins;
pub mod ratelimit;
pub mod recovery;
pub mod refresh;
pub mod secrets;
pub mod session;
pub mod tokens;
pub mod users;
pub mod verification;
pub mod views;

use kernel::db::DbPool;
use kernel::settings::Settings;

pub use access::AccessCheck;
pub use errors::AuthError;
pub use refresh::Account;
pub use tokens::{AuthUser, JwtKeys, Role};

/// What the sign-in operations use, borrowed from the application.
#[derive(Clone, Copy)]
pub struct AuthCtx<'a> {
    pub pool: &'a DbPool,
    pub redis: &'a deadpool_redis::Pool,
    pub settings: &'a Settings,
    pub keys: &'a JwtKeys,
}

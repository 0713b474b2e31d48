//! Identity: accounts, tokens, password reset and email verification.

pub mod password;
pub mod tokens;

pub fn routes(_cfg: &mut actix_web::web::ServiceConfig) {}

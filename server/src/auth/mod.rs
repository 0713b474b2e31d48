//! Identity: accounts, tokens, password reset and email verification.

pub mod action_tokens;
pub mod customer_link;
pub mod errors;
pub mod input;
pub mod password;
pub mod refresh;
pub mod request_context;
pub mod secrets;
pub mod tokens;
pub mod users;
pub mod views;

pub fn routes(_cfg: &mut actix_web::web::ServiceConfig) {}

//! Identity: accounts, tokens, password reset and email verification.

use actix_web::web;

pub mod action_tokens;
pub mod errors;
mod handlers;
pub mod input;
pub mod password;
pub mod recovery;
pub mod refresh;
pub mod register;
pub mod request_context;
pub mod secrets;
pub mod session;
pub mod tokens;
pub mod users;
pub mod views;

/// Mounted under /api/v1 on tenant hosts.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/auth")
            .route("/register", web::post().to(handlers::register))
            .route("/login", web::post().to(handlers::login))
            .route("/refresh", web::post().to(handlers::refresh))
            .route("/logout", web::post().to(handlers::logout))
            .route("/me", web::get().to(handlers::me))
            .route(
                "/password-reset",
                web::post().to(handlers::request_password_reset),
            )
            .route(
                "/password-reset/confirm",
                web::post().to(handlers::confirm_password_reset),
            )
            .route("/verify-email", web::post().to(handlers::verify_email))
            .route(
                "/verify-email/resend",
                web::post().to(handlers::resend_verification),
            ),
    );
}

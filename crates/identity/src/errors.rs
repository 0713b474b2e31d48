//! The auth errors a client can act on. Wrong password, unknown account and
//! account of another site share one answer, so the answer reveals nothing.

use kernel::error::AppError;

pub fn invalid_credentials() -> AppError {
    AppError::unauthorized(
        "invalid_credentials",
        "The email or password is not correct.",
    )
}

pub fn email_taken_here() -> AppError {
    AppError::conflict(
        "email_taken",
        "An account with this email already exists on this site. Sign in, or reset your password if you have forgotten it.",
    )
}

/// The person has a platform account (from another site) but typed another
/// password: they can join with that account's password.
pub fn email_taken_elsewhere() -> AppError {
    AppError::conflict(
        "email_taken",
        "This email already has an account. Register with that account's password to use it here too; if you have forgotten it, reset it on the site where you first signed up.",
    )
}

pub fn invalid_refresh_token() -> AppError {
    AppError::unauthorized(
        "invalid_refresh_token",
        "The refresh token is not valid (expired, signed out, or issued for another site); sign in again.",
    )
}

pub fn refresh_token_reused() -> AppError {
    AppError::unauthorized(
        "refresh_token_reused",
        "This refresh token was already used. For safety every session that came from it has been signed out; sign in again.",
    )
}

pub fn account_gone() -> AppError {
    AppError::unauthorized(
        "account_not_found",
        "This account no longer has access to this site; sign in again.",
    )
}

pub fn invalid_reset_token() -> AppError {
    AppError::bad_request(
        "invalid_token",
        "This password reset link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.",
    )
}

pub fn invalid_verification_token() -> AppError {
    AppError::bad_request(
        "invalid_token",
        "This verification link is not valid: it was used already, has expired, or was mistyped. Sign in and ask for a new one.",
    )
}

pub fn already_verified() -> AppError {
    AppError::conflict(
        "email_already_verified",
        "This email address is already verified; there is nothing to do.",
    )
}

//! What can go wrong in signing up, signing in and staying signed in, and
//! the one place that turns it into the answer a client sees. Wrong
//! password, unknown account and account of another site share one answer
//! (`InvalidCredentials`), so the answer reveals nothing.

use kernel::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Unknown account, wrong password, or not a member of this site.
    #[error("the email or password is not correct")]
    InvalidCredentials,
    #[error("the refresh token is not valid")]
    InvalidRefreshToken,
    /// An already exchanged refresh token: its session is now signed out.
    #[error("the refresh token was already used")]
    RefreshTokenReused,
    /// The token's account is no longer a member of this site.
    #[error("the account no longer has access to this site")]
    AccountGone,
    /// The token's sign-in session was signed out (logout, password reset,
    /// a reused refresh token).
    #[error("the session of the access token was signed out")]
    SessionEnded,
    /// The token names a role the account no longer has here.
    #[error("the account's role changed since the token was issued")]
    RoleChanged,
    /// Too many passwords are being hashed already: answering now beats
    /// making every sign-in wait.
    #[error("too many passwords are being checked; try again shortly")]
    Busy,
    #[error("the password reset token is not valid")]
    InvalidResetToken,
    #[error("the email verification token is not valid")]
    InvalidVerificationToken,
    #[error("the sign-up link is not valid")]
    InvalidSignupLink,
    #[error("the invitation is not valid")]
    InvalidInvitation,
    /// A texted sign-in code that is wrong, expired, used or out of tries.
    #[error("the sign-in code is not valid")]
    InvalidPhoneCode,
    #[error("the email address is already verified")]
    AlreadyVerified,
    #[error("the access token has expired")]
    AccessTokenExpired,
    #[error("the access token is not valid")]
    InvalidAccessToken,
    /// A valid access token issued on another tenant's site.
    #[error("the access token was issued for another site")]
    TokenWrongTenant,
    /// An input check failed (email, password or name).
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable, a hashing
    /// thread gone, a token that could not be signed).
    #[error(transparent)]
    Platform(#[from] AppError),
}

impl AuthError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        AuthError::Invalid {
            field,
            message: message.into(),
        }
    }
}

impl From<AuthError> for AppError {
    fn from(e: AuthError) -> Self {
        match e {
            AuthError::InvalidCredentials => AppError::unauthorized(
                "invalid_credentials",
                "The email or password is not correct.",
            ),
            AuthError::InvalidRefreshToken => AppError::unauthorized(
                "invalid_refresh_token",
                "The refresh token is not valid (expired, signed out, or issued for another site); sign in again.",
            ),
            AuthError::RefreshTokenReused => AppError::unauthorized(
                "refresh_token_reused",
                "This refresh token was already used. For safety every session that came from it has been signed out; sign in again.",
            ),
            AuthError::AccountGone => AppError::unauthorized(
                "account_not_found",
                "This account no longer has access to this site; sign in again.",
            ),
            AuthError::SessionEnded => AppError::unauthorized(
                "session_revoked",
                "This session was signed out (logout or password change); sign in again.",
            ),
            AuthError::RoleChanged => AppError::unauthorized(
                "role_changed",
                "Your role on this site changed since this token was issued; refresh the token or sign in again.",
            ),
            AuthError::Busy => {
                let mut e = AppError::unavailable(
                    "busy",
                    "The server is busy checking passwords; try again in a moment.",
                );
                e.retry_after = Some(1);
                e
            }
            AuthError::InvalidResetToken => AppError::bad_request(
                "invalid_token",
                "This password reset link is not valid: it was used already, has expired, or was mistyped. Ask for a new one.",
            ),
            AuthError::InvalidVerificationToken => AppError::bad_request(
                "invalid_token",
                "This verification link is not valid: it was used already, has expired, or was mistyped. Sign in and ask for a new one.",
            ),
            AuthError::InvalidSignupLink => AppError::bad_request(
                "invalid_token",
                "This sign-up link is not valid: it was used already, has expired, or was mistyped. Register again to get a new one; if you already have an account, sign in or reset your password.",
            ),
            AuthError::InvalidInvitation => AppError::bad_request(
                "invalid_token",
                "This invitation is not valid: it was accepted already, has expired, or was mistyped. Ask whoever invited you for a new one.",
            ),
            AuthError::InvalidPhoneCode => AppError::bad_request(
                "invalid_code",
                "The code is wrong or no longer valid: a code works for 5 minutes and 5 tries. \
                 Ask for a new one.",
            ),
            AuthError::AlreadyVerified => AppError::conflict(
                "email_already_verified",
                "This email address is already verified; there is nothing to do.",
            ),
            AuthError::AccessTokenExpired => AppError::unauthorized(
                "token_expired",
                "The access token has expired; refresh it or log in again.",
            ),
            AuthError::InvalidAccessToken => {
                AppError::unauthorized("invalid_token", "The access token is not valid.")
            }
            AuthError::TokenWrongTenant => AppError::unauthorized(
                "token_wrong_tenant",
                "This access token was issued for another site.",
            ),
            AuthError::Invalid { field, message } => AppError::invalid(field, message),
            AuthError::RateLimited { retry_after_secs } => {
                AppError::too_many_requests(retry_after_secs)
            }
            AuthError::Database(e) => e.into(),
            AuthError::Platform(e) => e,
        }
    }
}

#[cfg(test)]
#[path = "errors_test.rs"]
mod tests;

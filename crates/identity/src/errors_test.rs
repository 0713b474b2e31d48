//! Unit tests of errors.rs: the answers clients and tests rely on.

use super::*;
use kernel::error::StatusCode;

fn answer(e: AuthError) -> (StatusCode, &'static str) {
    let e = AppError::from(e);
    (e.status, e.code)
}

#[test]
fn each_error_has_its_status_and_code() {
    use StatusCode as S;
    let cases = [
        (
            AuthError::InvalidCredentials,
            S::UNAUTHORIZED,
            "invalid_credentials",
        ),
        (
            AuthError::InvalidSignupLink,
            S::BAD_REQUEST,
            "invalid_token",
        ),
        (
            AuthError::InvalidInvitation,
            S::BAD_REQUEST,
            "invalid_token",
        ),
        (
            AuthError::InvalidRefreshToken,
            S::UNAUTHORIZED,
            "invalid_refresh_token",
        ),
        (
            AuthError::RefreshTokenReused,
            S::UNAUTHORIZED,
            "refresh_token_reused",
        ),
        (AuthError::AccountGone, S::UNAUTHORIZED, "account_not_found"),
        (AuthError::SessionEnded, S::UNAUTHORIZED, "session_revoked"),
        (AuthError::RoleChanged, S::UNAUTHORIZED, "role_changed"),
        (AuthError::Busy, S::SERVICE_UNAVAILABLE, "busy"),
        (
            AuthError::InvalidResetToken,
            S::BAD_REQUEST,
            "invalid_token",
        ),
        (
            AuthError::InvalidVerificationToken,
            S::BAD_REQUEST,
            "invalid_token",
        ),
        (
            AuthError::AlreadyVerified,
            S::CONFLICT,
            "email_already_verified",
        ),
        (
            AuthError::AccessTokenExpired,
            S::UNAUTHORIZED,
            "token_expired",
        ),
        (
            AuthError::InvalidAccessToken,
            S::UNAUTHORIZED,
            "invalid_token",
        ),
        (
            AuthError::TokenWrongTenant,
            S::UNAUTHORIZED,
            "token_wrong_tenant",
        ),
        (
            AuthError::invalid("email", "bad"),
            S::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            AuthError::Database(diesel::result::Error::RollbackTransaction),
            S::INTERNAL_SERVER_ERROR,
            "internal_error",
        ),
    ];
    for (error, status, code) in cases {
        let shown = format!("{error:?}");
        assert_eq!(answer(error), (status, code), "{shown}");
    }
}

#[test]
fn a_dead_sign_up_link_says_what_to_do() {
    let e = AppError::from(AuthError::InvalidSignupLink);
    assert!(e.detail.contains("Register again"), "{}", e.detail);
    assert!(e.detail.contains("reset your password"), "{}", e.detail);
}

#[test]
fn rate_limited_tells_when_to_retry() {
    let e = AppError::from(AuthError::RateLimited {
        retry_after_secs: 42,
    });
    assert_eq!(e.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(e.code, "rate_limited");
    assert_eq!(e.retry_after, Some(42));
    assert!(e.detail.contains("try again in 42 seconds"), "{}", e.detail);
}

#[test]
fn busy_is_a_quick_503_with_retry_after() {
    let e = AppError::from(AuthError::Busy);
    assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(e.retry_after, Some(1));
}

#[test]
fn platform_errors_pass_through_unchanged() {
    let e = AppError::from(AuthError::Platform(AppError::internal("pool gone")));
    assert_eq!(e.code, "internal_error");
    assert_eq!(e.internal.as_deref(), Some("pool gone"));
}

//! /api/v1/auth: read the request, call one operation of identity (or
//! customers' sign-up), shape the answer.

use actix_web::http::header::{CACHE_CONTROL, PRAGMA};
use actix_web::{web, HttpResponse, HttpResponseBuilder};
use serde::Serialize;
use utoipa::ToSchema;

use crate::extract::CurrentTenant;
use crate::extract::{ClientAddr, RequestSite, SignedIn};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use customers::accounts as registration;
use identity::input::{
    InvitationBody, LoginBody, RefreshBody, RegisterBody, ResetConfirmBody, ResetRequestBody,
    TokenBody,
};
use identity::views::{Me, Registered, TokenPair};
use identity::{invitations, recovery, session};

problems!(RegisterProblems {
    422 => [validation_failed],
    429 => [rate_limited],
    503 => [busy],
});
problems!(TokenProblems { 400 => [invalid_token] });
problems!(InvitationProblems {
    400 => [invalid_token],
    401 => [invalid_credentials],
    429 => [rate_limited],
    503 => [busy],
});
problems!(LoginProblems {
    401 => [invalid_credentials],
    429 => [rate_limited],
    503 => [busy],
});
problems!(RefreshProblems { 401 => [invalid_refresh_token, refresh_token_reused] });
problems!(MailProblems {
    422 => [validation_failed],
    429 => [rate_limited],
});
problems!(ResetConfirmProblems {
    400 => [invalid_token],
    422 => [validation_failed],
    429 => [rate_limited],
    503 => [busy],
});
problems!(ResendProblems {
    409 => [email_already_verified],
    429 => [rate_limited],
});

/// The answer of a request that is taken and goes on by mail.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    /// What happened, as a word a client can test.
    pub status: &'static str,
    /// What it means, for a person.
    pub detail: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Verified {
    pub email_verified: bool,
}

/// An answer carrying tokens: no cache (browser, proxy) may keep a copy
/// (RFC 6749 5.1).
fn with_tokens(mut answer: HttpResponseBuilder, body: impl Serialize) -> HttpResponse {
    answer
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((PRAGMA, "no-cache"))
        .json(body)
}

#[utoipa::path(post, path = "/auth/register", tag = "auth", operation_id = "register",
    request_body = RegisterBody,
    responses((status = 202, description = "Accepted whatever the address: check the mailbox", body = Accepted),
        RegisterProblems))]
/// Answers the same for every valid request: the mail tells a new address
/// how to finish, and a known one that it has an account.
pub async fn register(
    state: web::Data<AppState>,
    _tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    body: web::Json<RegisterBody>,
) -> ApiResult<HttpResponse> {
    registration::register(&state.auth(), &site, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(Accepted {
        status: "check_email",
        detail: "Check your email: the link we sent finishes creating your account (it works for 24 hours).",
    }))
}

#[utoipa::path(post, path = "/auth/register/confirm", tag = "auth", operation_id = "confirm_registration",
    request_body = TokenBody,
    responses((status = 201, description = "The account is open and signed in", body = Registered),
        TokenProblems))]
/// The sign-up link: opens the account and signs it in.
pub async fn confirm_registration(
    state: web::Data<AppState>,
    _tenant: CurrentTenant,
    site: RequestSite,
    body: web::Json<TokenBody>,
) -> ApiResult<HttpResponse> {
    let registered = registration::confirm(&state.auth(), &site, body.into_inner()).await?;
    Ok(with_tokens(HttpResponse::Created(), registered))
}

#[utoipa::path(post, path = "/auth/invitations/accept", tag = "auth", operation_id = "accept_invitation",
    request_body = InvitationBody,
    responses((status = 200, description = "The role is added; signed in", body = TokenPair),
        InvitationProblems))]
/// An invitation link with the invited account's password: the role is
/// added and the account signed in here.
pub async fn accept_invitation(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<InvitationBody>,
) -> ApiResult<HttpResponse> {
    let tokens = invitations::accept(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(with_tokens(HttpResponse::Ok(), tokens))
}

#[utoipa::path(post, path = "/auth/login", tag = "auth", operation_id = "login",
    request_body = LoginBody,
    responses((status = 200, description = "Signed in", body = TokenPair), LoginProblems))]
pub async fn login(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<LoginBody>,
) -> ApiResult<HttpResponse> {
    let tokens = session::login(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(with_tokens(HttpResponse::Ok(), tokens))
}

#[utoipa::path(post, path = "/auth/refresh", tag = "auth", operation_id = "refresh",
    request_body = RefreshBody,
    responses((status = 200, description = "A new token pair; the one presented is spent", body = TokenPair),
        RefreshProblems))]
pub async fn refresh(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<RefreshBody>,
) -> ApiResult<HttpResponse> {
    let tokens = session::refresh(&state.auth(), &tenant, &body.refresh_token).await?;
    Ok(with_tokens(HttpResponse::Ok(), tokens))
}

#[utoipa::path(post, path = "/auth/logout", tag = "auth", operation_id = "logout",
    request_body = RefreshBody,
    responses((status = 204, description = "Signed out (also for an unknown token)")))]
pub async fn logout(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<RefreshBody>,
) -> ApiResult<HttpResponse> {
    session::logout(&state.auth(), &tenant, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/auth/me", tag = "auth", operation_id = "me",
    security(("bearer" = ["any"])),
    responses((status = 200, description = "The signed-in account and its role here", body = Me)))]
pub async fn me(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    SignedIn(user): SignedIn,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(session::me(&state.auth(), &tenant, &user).await?))
}

#[utoipa::path(post, path = "/auth/password-reset", tag = "auth", operation_id = "request_password_reset",
    request_body = ResetRequestBody,
    responses((status = 202, description = "Accepted whatever the address", body = Accepted), MailProblems))]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    body: web::Json<ResetRequestBody>,
) -> ApiResult<HttpResponse> {
    recovery::request_reset(&state.auth(), &tenant, &site, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(Accepted {
        status: "accepted",
        detail: "If an account with this email exists on this site, a reset link is on its way.",
    }))
}

#[utoipa::path(post, path = "/auth/password-reset/confirm", tag = "auth", operation_id = "confirm_password_reset",
    request_body = ResetConfirmBody,
    responses((status = 200, description = "Changed; every session is signed out", body = Accepted),
        ResetConfirmProblems))]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<ResetConfirmBody>,
) -> ApiResult<HttpResponse> {
    recovery::confirm_reset(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(Accepted {
        status: "password_changed",
        detail: "The password is changed and every session is signed out; sign in with the new password.",
    }))
}

#[utoipa::path(post, path = "/auth/verify-email", tag = "auth", operation_id = "verify_email",
    request_body = TokenBody,
    responses((status = 200, description = "The address is verified", body = Verified), TokenProblems))]
pub async fn verify_email(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<TokenBody>,
) -> ApiResult<HttpResponse> {
    recovery::verify_email(&state.auth(), &tenant, &body.token).await?;
    Ok(HttpResponse::Ok().json(Verified {
        email_verified: true,
    }))
}

#[utoipa::path(post, path = "/auth/verify-email/resend", tag = "auth", operation_id = "resend_verification",
    security(("bearer" = ["any"])),
    responses((status = 202, description = "A new link is on its way", body = Accepted), ResendProblems))]
pub async fn resend_verification(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    SignedIn(user): SignedIn,
) -> ApiResult<HttpResponse> {
    recovery::resend_verification(&state.auth(), &tenant, &site, client.0, &user).await?;
    Ok(HttpResponse::Accepted().json(Accepted {
        status: "accepted",
        detail: "A new verification link is on its way.",
    }))
}

/// Mounted under /api/v1 on tenant hosts.
pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_register, register)
        .add(__path_confirm_registration, confirm_registration)
        .add(__path_accept_invitation, accept_invitation)
        .add(__path_login, login)
        .add(__path_refresh, refresh)
        .add(__path_logout, logout)
        .add(__path_me, me)
        .add(__path_request_password_reset, request_password_reset)
        .add(__path_confirm_password_reset, confirm_password_reset)
        .add(__path_verify_email, verify_email)
        .add(__path_resend_verification, resend_verification);
}

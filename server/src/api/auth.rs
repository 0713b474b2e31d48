//! /api/v1/auth: read the request, call one operation of identity (or
//! customers' sign-up), shape the answer.

use actix_web::http::header::{CACHE_CONTROL, PRAGMA};
use actix_web::{web, HttpResponse, HttpResponseBuilder};
use serde::Serialize;
use serde_json::json;

use crate::extract::CurrentTenant;
use crate::extract::{ClientAddr, RequestSite, SignedIn};
use crate::problem::ApiResult;
use crate::state::AppState;
use customers::signup as registration;
use identity::input::{
    LoginBody, RefreshBody, RegisterBody, ResetConfirmBody, ResetRequestBody, TokenBody,
};
use identity::{recovery, session};

/// An answer carrying tokens: no cache (browser, proxy) may keep a copy
/// (RFC 6749 5.1).
fn with_tokens(mut answer: HttpResponseBuilder, body: impl Serialize) -> HttpResponse {
    answer
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((PRAGMA, "no-cache"))
        .json(body)
}

pub async fn register(
    state: web::Data<AppState>,
    _tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    body: web::Json<RegisterBody>,
) -> ApiResult<HttpResponse> {
    let registered =
        registration::register(&state.auth(), &site, client.0, body.into_inner()).await?;
    Ok(with_tokens(HttpResponse::Created(), registered))
}

pub async fn login(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<LoginBody>,
) -> ApiResult<HttpResponse> {
    let tokens = session::login(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(with_tokens(HttpResponse::Ok(), tokens))
}

pub async fn refresh(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<RefreshBody>,
) -> ApiResult<HttpResponse> {
    let tokens = session::refresh(&state.auth(), &tenant, &body.refresh_token).await?;
    Ok(with_tokens(HttpResponse::Ok(), tokens))
}

pub async fn logout(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<RefreshBody>,
) -> ApiResult<HttpResponse> {
    session::logout(&state.auth(), &tenant, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn me(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    SignedIn(user): SignedIn,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(session::me(&state.auth(), &tenant, &user).await?))
}

pub async fn request_password_reset(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    body: web::Json<ResetRequestBody>,
) -> ApiResult<HttpResponse> {
    recovery::request_reset(&state.auth(), &tenant, &site, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(json!({
        "status": "accepted",
        "detail": "If an account with this email exists on this site, a reset link is on its way.",
    })))
}

pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<ResetConfirmBody>,
) -> ApiResult<HttpResponse> {
    recovery::confirm_reset(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "password_changed",
        "detail": "The password is changed and every session is signed out; sign in with the new password.",
    })))
}

pub async fn verify_email(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<TokenBody>,
) -> ApiResult<HttpResponse> {
    recovery::verify_email(&state.auth(), &tenant, &body.token).await?;
    Ok(HttpResponse::Ok().json(json!({ "email_verified": true })))
}

pub async fn resend_verification(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    SignedIn(user): SignedIn,
) -> ApiResult<HttpResponse> {
    recovery::resend_verification(&state.auth(), &tenant, &site, client.0, &user).await?;
    Ok(HttpResponse::Accepted().json(json!({
        "status": "accepted",
        "detail": "A new verification link is on its way.",
    })))
}

/// Mounted under /api/v1 on tenant hosts.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/auth")
            .route("/register", web::post().to(register))
            .route("/login", web::post().to(login))
            .route("/refresh", web::post().to(refresh))
            .route("/logout", web::post().to(logout))
            .route("/me", web::get().to(me))
            .route("/password-reset", web::post().to(request_password_reset))
            .route(
                "/password-reset/confirm",
                web::post().to(confirm_password_reset),
            )
            .route("/verify-email", web::post().to(verify_email))
            .route("/verify-email/resend", web::post().to(resend_verification)),
    );
}

//! HTTP handlers of /api/v1/auth: read the request, call one function of the
//! capability, shape the answer.

use actix_web::{web, HttpResponse};
use serde_json::json;

use super::input::{
    LoginBody, RefreshBody, RegisterBody, ResetConfirmBody, ResetRequestBody, TokenBody,
};
use super::request_context::{ClientAddr, SiteUrl};
use super::tokens::AuthUser;
use super::{recovery, register as registration, session};
use crate::error::AppResult;
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

pub async fn register(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: SiteUrl,
    client: ClientAddr,
    body: web::Json<RegisterBody>,
) -> AppResult<HttpResponse> {
    let registered =
        registration::register(&state, &tenant, &site, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(registered))
}

pub async fn login(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<LoginBody>,
) -> AppResult<HttpResponse> {
    let tokens = session::login(&state, &tenant, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(tokens))
}

pub async fn refresh(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<RefreshBody>,
) -> AppResult<HttpResponse> {
    let tokens = session::refresh(&state, &tenant, &body.refresh_token).await?;
    Ok(HttpResponse::Ok().json(tokens))
}

pub async fn logout(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<RefreshBody>,
) -> AppResult<HttpResponse> {
    session::logout(&state, &tenant, &body.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn me(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(session::me(&state, &tenant, &user).await?))
}

pub async fn request_password_reset(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: SiteUrl,
    client: ClientAddr,
    body: web::Json<ResetRequestBody>,
) -> AppResult<HttpResponse> {
    recovery::request_reset(&state, &tenant, &site, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(json!({
        "status": "accepted",
        "detail": "If an account with this email exists on this site, a reset link is on its way.",
    })))
}

pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<ResetConfirmBody>,
) -> AppResult<HttpResponse> {
    recovery::confirm_reset(&state, &tenant, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(json!({
        "status": "password_changed",
        "detail": "The password is changed and every session is signed out; sign in with the new password.",
    })))
}

pub async fn verify_email(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    body: web::Json<TokenBody>,
) -> AppResult<HttpResponse> {
    recovery::verify_email(&state, &tenant, &body.token).await?;
    Ok(HttpResponse::Ok().json(json!({ "email_verified": true })))
}

pub async fn resend_verification(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: SiteUrl,
    client: ClientAddr,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    recovery::resend_verification(&state, &tenant, &site, client.0, &user).await?;
    Ok(HttpResponse::Accepted().json(json!({
        "status": "accepted",
        "detail": "A new verification link is on its way.",
    })))
}

//! Sign-up on the platform's host: a new business gets its site, owner
//! account and trial in one step (`billing::signup`), and a page or app can
//! ask beforehand whether a site address is free. Sign-ups cost a schema
//! and a password hash each, so they are limited per client address.

use actix_web::{web, HttpRequest, HttpResponse};
use billing::signup::{self, CheckedSignup, Platform, SignedUp, SignupBody, SlugAvailability};
use kernel::db;
use kernel::error::AppError;
use kernel::ratelimit::{client_scope, hit, Verdict};
use serde::Deserialize;

use crate::extract::{ClientAddr, PlatformHost};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::request_meta::{explicit_port, request_host};
use crate::state::AppState;

problems!(SignupProblems {
    404 => [platform_only],
    409 => [slug_taken, email_taken],
    422 => [validation_failed],
    429 => [rate_limited],
});

const HOUR: u64 = 3600;

/// Counts the attempt against the client's address (IPv6: its /64).
pub async fn limit_signups(state: &AppState, client: ClientAddr) -> Result<(), AppError> {
    let Some(ip) = client.0 else { return Ok(()) };
    let key = format!("rl:signup:ip:{}", client_scope(ip));
    let cap = state.settings.billing.signups_per_ip_per_hour;
    match hit(&state.redis, &[key], cap, HOUR).await {
        Verdict::Limited(wait) => Err(AppError::too_many_requests(wait.max(1))),
        Verdict::Allowed | Verdict::Unchecked => Ok(()),
    }
}

/// Runs a checked sign-up on the blocking pool (hash, schema, mail).
pub async fn run_signup(
    state: &AppState,
    req: &HttpRequest,
    checked: CheckedSignup,
) -> Result<SignedUp, AppError> {
    let host = request_host(req, &state.settings.trusted_proxies).unwrap_or_default();
    let port = explicit_port(&host);
    let settings = state.settings.clone();
    let keys = state.keys.clone();
    db::run(&state.pool, move |conn| {
        let platform = Platform {
            scheme: &settings.public_scheme,
            base_domain: &settings.base_domain,
            port,
            keys: &keys,
            refresh_ttl_days: settings.refresh_token_ttl_days,
        };
        signup::sign_up(conn, checked, &platform)
    })
    .await
}

/// Creates the business's site (its schema with every migration), the
/// owner's account and the plan's trial, and mails the owner a verification
/// link. Nothing is left behind when any part fails.
#[utoipa::path(post, path = "/signup", tag = "signup", operation_id = "sign_up",
    request_body = SignupBody,
    responses(
        (status = 201, description = "The new site and the owner's tokens on it", body = SignedUp,
            headers(("Location" = String, description = "The new site"))),
        SignupProblems))]
async fn create(
    state: web::Data<AppState>,
    _platform: PlatformHost,
    client: ClientAddr,
    req: HttpRequest,
    body: web::Json<SignupBody>,
) -> ApiResult<HttpResponse> {
    let checked = CheckedSignup::parse(body.into_inner())?;
    limit_signups(&state, client).await?;
    let done = run_signup(&state, &req, checked).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", done.url.clone()))
        .json(done))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlugQuery {
    /// The address to check: <slug>.<platform domain>.
    pub slug: String,
}

problems!(AvailabilityProblems { 404 => [platform_only] });

#[utoipa::path(get, path = "/signup/slug-available", tag = "signup",
    operation_id = "signup_slug_available",
    params(SlugQuery),
    responses((status = 200, description = "Whether the address is free", body = SlugAvailability),
        AvailabilityProblems))]
async fn slug_available(
    state: web::Data<AppState>,
    _platform: PlatformHost,
    query: web::Query<SlugQuery>,
) -> ApiResult<HttpResponse> {
    let slug = query.into_inner().slug;
    let answer = db::run(&state.pool, move |conn| signup::slug_available(conn, &slug)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_create, create)
        .add(__path_slug_available, slug_available);
}

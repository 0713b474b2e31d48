//! /api/v1/auth/otp: signing in with a code texted to a phone number.

use actix_web::http::header::{CACHE_CONTROL, PRAGMA};
use actix_web::{web, HttpResponse};

use crate::api::auth::Accepted;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use customers::phone_sign_in::{self, CodeRequestBody, CodeSignInBody};
use identity::views::TokenPair;

problems!(SendProblems {
    403 => [feature_not_in_plan],
    422 => [validation_failed],
    429 => [rate_limited],
});
problems!(VerifyProblems {
    400 => [invalid_code],
    403 => [plan_limit_reached],
    422 => [validation_failed],
    429 => [rate_limited],
});

#[utoipa::path(post, path = "/auth/otp/send", tag = "auth", operation_id = "send_sign_in_code",
    request_body = CodeRequestBody,
    responses((status = 202, description = "A code is on its way to the number, whether or not it belongs to a customer",
        body = Accepted), SendProblems))]
/// Texts a six-digit sign-in code, valid for 5 minutes and 5 tries.
pub async fn send(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<CodeRequestBody>,
) -> ApiResult<HttpResponse> {
    phone_sign_in::send_code(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(Accepted {
        status: "code_sent",
        detail: "A sign-in code is on its way by text message; it works for 5 minutes.",
    }))
}

#[utoipa::path(post, path = "/auth/otp/verify", tag = "auth", operation_id = "sign_in_with_code",
    request_body = CodeSignInBody,
    responses((status = 200, description = "Signed in (the customer record is made on a number's first sign-in)",
        body = TokenPair), VerifyProblems))]
pub async fn verify(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Json<CodeSignInBody>,
) -> ApiResult<HttpResponse> {
    let tokens =
        phone_sign_in::sign_in(&state.auth(), &tenant, client.0, body.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((PRAGMA, "no-cache"))
        .json(tokens))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_send, send).add(__path_verify, verify);
}

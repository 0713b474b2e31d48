//! HTTP handlers of bookings' create (moved from the capability; being thinned).

use crate::extract::CurrentTenant;
use crate::extract::RequestSite;
use crate::extract::SignedIn;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::create::*;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use kernel::db;
use kernel::error::AppError;
use serde_json::Value;

async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    http: HttpRequest,
    raw: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let raw = raw.into_inner();
    let body: CreateBody = serde_json::from_value(raw.clone()).map_err(|e| {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            format!("The JSON body does not fit: {e}."),
        )
    })?;
    let key = idempotency_key(http.headers())?;
    let site = RequestSite::of(&http)?.0;
    let request = Request {
        body,
        raw,
        key,
        user: user.map(|u| u.0),
    };
    let (status, body) = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        create_in_tx(conn, &site, request)
    })
    .await?;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED);
    Ok(HttpResponse::build(status).json(body))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings", web::post().to(create));
}

/// The Idempotency-Key header, if sent: 1 to 255 printable characters.
fn idempotency_key(headers: &actix_web::http::header::HeaderMap) -> ApiResult<Option<String>> {
    let Some(raw) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = raw.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::bad_request(
            "invalid_idempotency_key",
            "Idempotency-Key must be 1 to 255 printable characters, e.g. a UUID.",
        )
        .into());
    }
    Ok(Some(key.to_string()))
}

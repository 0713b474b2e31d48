//! POST /bookings: a guest or a signed-in customer books an offered slot.

use actix_web::http::header::HeaderMap;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use bookings::create::{self, BookingRequest, CreateBody};
use bookings::{Booker, IdempotencyKey, Status};
use kernel::error::AppError;
use serde_json::Value;

use super::BookingWithToken;
use crate::extract::{ClientAddr, CurrentTenant, RequestSite, SignedIn};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CreateProblems {
    400 => [invalid_idempotency_key],
    404 => [service_not_found, staff_not_found],
    409 => [slot_unavailable, too_many_pending_bookings],
    422 => [slot_not_offered, validation_failed, idempotency_key_reused],
    429 => [rate_limited],
});

/// 201 with the booking and its manage token, the first time and on every
/// retry with the same Idempotency-Key; 202 instead when the booking only
/// waits for the customer's confirmation by email and holds no time yet. Anyone but staff is rate-limited
/// and capped in upcoming bookings (`bookings::limits`). On a site that
/// asks guests to confirm by email, a guest's booking is
/// `awaiting_confirmation` and holds its slot once confirmed.
#[utoipa::path(post, path = "/bookings", tag = "bookings", operation_id = "create_booking",
    params(("Idempotency-Key" = Option<String>, Header,
        description = "Retries with the same key (1 to 255 printable characters) get the \
            first answer again, and book nothing more.")),
    request_body(content = CreateBody,
        description = "A guest names the customer; a signed-in customer may leave it out."),
    security((), ("bearer" = [])),
    responses((status = 201, description = "The booking", body = BookingWithToken),
        (status = 202, description = "The booking, awaiting the customer's confirmation by \
            email (the link mailed to them); it holds no time until then", body = BookingWithToken),
        CreateProblems))]
async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    client: ClientAddr,
    http: HttpRequest,
    raw: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    // Read as a value first: the key's fingerprint is of the body as sent.
    let raw = raw.into_inner();
    let body: CreateBody = serde_json::from_value(raw.clone()).map_err(|e| {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            format!("The JSON body does not fit: {e}."),
        )
    })?;
    let idempotency_key = idempotency_key(http.headers())?.map(|k| IdempotencyKey::new(k, &raw));
    let site = RequestSite::of(&http)?.0;
    let user = user.map(|u| u.0);
    let booker = match &user {
        Some(u) if u.role.is_staff() => None,
        _ => Some(Booker::new(tenant.id, client.0, &body, user.as_ref())),
    };
    if let Some(booker) = &booker {
        booker.admit(&state.redis, &state.settings).await?;
    }
    let request = BookingRequest {
        body,
        idempotency_key,
        user,
        max_pending: booker
            .as_ref()
            .map(|_| state.settings.booking_max_pending_per_email),
    };
    let booked = tenant
        .run(&state, move |conn| create::book(conn, &site, &request))
        .await?;
    if let Some(booker) = &booker {
        booker.record(&state.redis, &state.settings).await;
    }
    let mut answer = if booked.booking.status == Status::AwaitingConfirmation {
        HttpResponse::Accepted()
    } else {
        HttpResponse::Created()
    };
    Ok(answer.json(BookingWithToken::from(booked)))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_create, create);
}

/// The Idempotency-Key header, if sent: 1 to 255 printable characters.
fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
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

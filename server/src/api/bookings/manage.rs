//! /bookings/manage/{token}: the customer's manage link, no account needed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use bookings::manage::{self, CancelBody, ManageView};
use bookings::{Reason, RescheduleBody};
use kernel::error::AppError;

use crate::extract::{CurrentTenant, RequestSite};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(LinkProblems { 404 => [booking_link_invalid] });
problems!(CancelProblems {
    400 => [malformed_json],
    404 => [booking_link_invalid],
    409 => [booking_not_active, too_late_to_change, invalid_transition],
    422 => [validation_failed, invalid_body],
});
problems!(RescheduleProblems {
    404 => [booking_link_invalid, service_not_found],
    409 => [booking_not_active, too_late_to_change, slot_unavailable],
    422 => [slot_not_offered, validation_failed],
});

#[utoipa::path(get, path = "/bookings/manage/{token}", tag = "bookings",
    operation_id = "show_managed_booking",
    params(("token" = String, Path, description = "The token of the manage link")),
    responses((status = 200, description = "The booking", body = ManageView), LinkProblems))]
async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let view = tenant
        .run(&state, move |conn| manage::show(conn, &token))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The body is optional: a bare POST cancels without a reason. Allowed
/// until the site's cancellation notice before the start.
#[utoipa::path(post, path = "/bookings/manage/{token}/cancel", tag = "bookings",
    operation_id = "cancel_managed_booking",
    params(("token" = String, Path, description = "The token of the manage link")),
    request_body(content = Option<CancelBody>, description = "Optional: why"),
    responses((status = 200, description = "The cancelled booking", body = ManageView),
        CancelProblems))]
async fn cancel(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let reason = Reason::parse(cancel_body(&body)?.and_then(|b| b.reason).as_deref())?;
    let view = tenant
        .run(&state, move |conn| {
            manage::cancel(conn, &site, &token, &reason)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Another offered start with the same staff member, until the site's
/// cancellation notice before the booking's start.
#[utoipa::path(post, path = "/bookings/manage/{token}/reschedule", tag = "bookings",
    operation_id = "reschedule_managed_booking",
    params(("token" = String, Path, description = "The token of the manage link")),
    request_body = RescheduleBody,
    responses((status = 200, description = "The booking at its new time", body = ManageView),
        RescheduleProblems))]
async fn reschedule(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Json<RescheduleBody>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let start = body.into_inner().start;
    let view = tenant
        .run(&state, move |conn| {
            manage::reschedule(conn, &site, &token, start)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// No body, or a valid one: a body that does not read is refused rather
/// than taken for none (it would cancel without the reason sent).
fn cancel_body(raw: &[u8]) -> Result<Option<CancelBody>, AppError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(raw).map(Some).map_err(|e| {
        if e.is_data() {
            AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                format!("The JSON body does not fit: {e}."),
            )
        } else {
            AppError::bad_request(
                "malformed_json",
                format!("The body is not valid JSON: {e}."),
            )
        }
    })
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_show, show)
        .add(__path_cancel, cancel)
        .add(__path_reschedule, reschedule);
}

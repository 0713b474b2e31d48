//! POST /bookings/confirm: a guest confirms a booking request with the
//! token from its mail, on a tenant that asks for email confirmation. 200
//! with the booking and its manage token; 409 when the time was taken
//! meanwhile; an unknown or used token 404, an expired one 410.

use actix_web::{web, HttpResponse};
use bookings::email_confirmation::{self, ConfirmBody};

use super::BookingWithToken;
use crate::extract::{CurrentTenant, RequestSite};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

// The service deleted, or the requested staff member no longer
// performing it, since the request: 404 service_not_found, 422 on staff_id.
problems!(ConfirmProblems {
    404 => [booking_confirmation_invalid, service_not_found],
    409 => [slot_unavailable, slot_no_longer_offered, too_many_pending_bookings],
    410 => [booking_confirmation_expired],
    422 => [validation_failed],
});

/// The booking now holds its slot, and the usual confirmation is mailed.
#[utoipa::path(post, path = "/bookings/confirm", tag = "bookings",
    operation_id = "confirm_booking",
    request_body = ConfirmBody,
    responses((status = 200, description = "The confirmed booking", body = BookingWithToken),
        ConfirmProblems))]
async fn confirm(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    body: web::Json<ConfirmBody>,
) -> ApiResult<HttpResponse> {
    let token = body.into_inner().token;
    // Confirming makes an upcoming booking: the same cap as booking at once.
    let max_pending = state.settings.booking_max_pending_per_email;
    let booked = tenant
        .run(&state, move |conn| {
            email_confirmation::confirm(conn, &site, &token, max_pending)
        })
        .await?;
    Ok(HttpResponse::Ok().json(BookingWithToken::from(booked)))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_confirm, confirm);
}

//! GET /services/{id}/availability: the bookable slots of a service.

use actix_web::{web, HttpResponse};
use bookings::availability::{self, Availability, AvailabilityQuery, SlotQuery};
use uuid::Uuid;

use super::schedules;
use crate::extract::CurrentTenant;
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(SlotProblems {
    400 => [invalid_range, invalid_query],
    404 => [service_not_found, staff_not_found],
    422 => [validation_failed],
});

/// The free slots of a service between two local dates, for every staff
/// member who performs it (or one).
#[utoipa::path(get, path = "/services/{id}/availability", tag = "services",
    operation_id = "service_availability",
    params(("id" = Uuid, Path, description = "The service's id"), AvailabilityQuery),
    responses((status = 200, description = "The bookable slots", body = Availability),
        SlotProblems))]
async fn availability(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
    query: web::Query<AvailabilityQuery>,
) -> ApiResult<HttpResponse> {
    let query = SlotQuery::parse(path.into_inner(), query.into_inner())?;
    let schedules = schedules(&state, &tenant);
    let slots = tenant
        .run(&state, move |conn| {
            availability::slots(conn, &schedules, &query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(slots))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_availability, availability);
}

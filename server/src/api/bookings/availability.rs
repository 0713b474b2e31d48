//! GET /services/{id}/availability: the bookable slots of a service.

use actix_web::{web, HttpResponse};
use bookings::availability::{self, AvailabilityQuery, SlotQuery};
use uuid::Uuid;

use super::schedules;
use crate::extract::CurrentTenant;
use crate::problem::ApiResult;
use crate::state::AppState;

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

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/services/{id}/availability", web::get().to(availability));
}

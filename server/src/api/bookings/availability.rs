//! HTTP handlers of bookings' availability (moved from the capability; being thinned).

use crate::extract::CurrentTenant;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::availability::*;
use ::bookings::calendar::{self, Query};
use actix_web::{web, HttpResponse};
use chrono::Utc;
use kernel::db;
use kernel::error::AppError;
use uuid::Uuid;

async fn availability(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
    query: web::Query<AvailabilityQuery>,
) -> ApiResult<HttpResponse> {
    let service_id = path.into_inner();
    let AvailabilityQuery { from, to, staff_id } = query.into_inner();
    if to < from {
        return Err(
            AppError::bad_request("invalid_range", "\"to\" must not be before \"from\".").into(),
        );
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(AppError::bad_request(
            "invalid_range",
            format!("Ask for at most {MAX_DAYS} days at a time."),
        )
        .into());
    }
    let cached = state.schedules.get(tenant.id, service_id);
    let schedules = state.schedules.clone();
    let tenant_id = tenant.id;
    let (tz, slots) = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let query = Query {
            service_id,
            staff_id,
            from,
            to,
            ignore_booking: None,
        };
        let (ctx, fresh) = calendar::load_with(conn, &query, cached)?;
        if let Some(schedule) = fresh {
            schedules.put(tenant_id, service_id, schedule);
        }
        Ok((
            ctx.settings.time_zone.clone(),
            ctx.slots(from, to, Utc::now()),
        ))
    })
    .await?;
    let slots: Vec<SlotView> = slots
        .into_iter()
        .map(|s| SlotView {
            start: rfc3339(s.start),
            end: rfc3339(s.end),
            staff_id: s.staff_id,
        })
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "service_id": service_id,
        "time_zone": tz,
        "slots": slots,
    })))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/services/{id}/availability", web::get().to(availability));
}

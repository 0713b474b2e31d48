//! GET /services/{id}/availability: the bookable slots of a service.

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::calendar::{self, Query};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

/// Longest range one query may ask for.
const MAX_DAYS: i64 = 62;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub staff_id: Option<Uuid>,
}

#[derive(Debug, Serialize)]
struct SlotView {
    start: String,
    end: String,
    staff_id: Uuid,
}

/// RFC 3339 in UTC with a Z, the form the booking endpoint accepts back.
pub fn rfc3339(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn availability(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<Uuid>,
    query: web::Query<AvailabilityQuery>,
) -> AppResult<HttpResponse> {
    let service_id = path.into_inner();
    let AvailabilityQuery { from, to, staff_id } = query.into_inner();
    if to < from {
        return Err(AppError::bad_request(
            "invalid_range",
            "\"to\" must not be before \"from\".",
        ));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(AppError::bad_request(
            "invalid_range",
            format!("Ask for at most {MAX_DAYS} days at a time."),
        ));
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

//! What staff do with bookings: the calendar, one booking with its history,
//! status changes and rescheduling.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::changes::{self, Actor};
use super::events::Site;
use super::model::{self, actor_label, BookingRow, BookingView, Status};
use super::settings;
use super::slots::local_instant;
use crate::auth::tokens::StaffUser;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::schema::tenant::{booking_history, bookings};
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

/// Longest calendar range one request may ask for.
const MAX_CALENDAR_DAYS: i64 = 93;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarQuery {
    pub from: String,
    pub to: String,
    pub staff_id: Option<Uuid>,
    pub status: Option<String>,
}

/// A calendar bound: a local date (the start of that day in the tenant's
/// zone; for `to`, the end of it) or an exact RFC 3339 instant.
fn bound(raw: &str, tz: chrono_tz::Tz, end_of_day: bool, field: &str) -> AppResult<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return Ok(at.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        AppError::bad_request(
            "invalid_query",
            format!("{field}: {raw:?} is neither a date (YYYY-MM-DD) nor an RFC 3339 time"),
        )
    })?;
    let date = if end_of_day {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    Ok(local_instant(tz, date, NaiveTime::MIN))
}

#[derive(Serialize)]
struct HistoryView {
    actor: String,
    from_status: Option<String>,
    to_status: String,
    reason: Option<String>,
    detail: serde_json::Value,
    at: DateTime<Utc>,
}

async fn calendar(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    query: web::Query<CalendarQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let status = q
        .status
        .as_deref()
        .map(|s| Status::parse(s).ok_or_else(|| AppError::bad_request("invalid_query", format!("status: {s:?} is not one of pending, confirmed, cancelled, completed, no_show"))))
        .transpose()?;
    let items = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let tz = settings::load(conn)?.tz();
        let from = bound(&q.from, tz, false, "from")?;
        let to = bound(&q.to, tz, true, "to")?;
        if to <= from || (to - from).num_days() > MAX_CALENDAR_DAYS {
            return Err(AppError::bad_request(
                "invalid_range",
                format!("\"to\" must be after \"from\", at most {MAX_CALENDAR_DAYS} days later."),
            ));
        }
        let mut query = bookings::table
            .filter(bookings::starts_at.lt(to))
            .filter(bookings::ends_at.gt(from))
            .order((bookings::starts_at, bookings::staff_id))
            .select(BookingRow::as_select())
            .into_boxed();
        if let Some(staff) = q.staff_id {
            query = query.filter(bookings::staff_id.eq(staff));
        }
        if let Some(status) = status {
            query = query.filter(bookings::status.eq(status.as_str()));
        }
        let rows: Vec<BookingRow> = query.limit(2000).load(conn)?;
        Ok(rows.iter().map(BookingView::from).collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (booking, history) = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let booking = model::find(conn, id)?;
        let history: Vec<HistoryView> = booking_history::table
            .filter(booking_history::booking_id.eq(id))
            .order(booking_history::id)
            .select((
                booking_history::actor,
                booking_history::from_status,
                booking_history::to_status,
                booking_history::reason,
                booking_history::detail,
                booking_history::created_at,
            ))
            .load::<(
                String,
                Option<String>,
                String,
                Option<String>,
                serde_json::Value,
                DateTime<Utc>,
            )>(conn)?
            .into_iter()
            .map(
                |(actor, from_status, to_status, reason, detail, at)| HistoryView {
                    actor,
                    from_status,
                    to_status,
                    reason,
                    detail,
                    at,
                },
            )
            .collect();
        Ok((booking, history))
    })
    .await?;
    let mut body = serde_json::to_value(BookingView::from(&booking)).map_err(AppError::internal)?;
    body["history"] = serde_json::to_value(history).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleBody {
    pub start: DateTime<Utc>,
}

fn reason(raw: Option<&str>) -> AppResult<Option<String>> {
    crate::input::optional_long_text(raw, 500).map_err(|m| AppError::invalid("reason", m))
}

async fn set_status(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: StaffUser,
    http: HttpRequest,
    path: web::Path<Uuid>,
    body: web::Json<StatusBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    let to = Status::parse(&b.status).ok_or_else(|| {
        AppError::invalid(
            "status",
            "must be one of pending, confirmed, cancelled, completed, no_show",
        )
    })?;
    let why = reason(b.reason.as_deref())?;
    let label = actor_label(Some(&user.0));
    let site = Site::of(&http, &tenant, &state.settings);
    let row = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let booking = model::find_for_update(conn, id)?;
        let actor = Actor {
            label: &label,
            site: &site,
        };
        changes::transition(conn, &actor, &booking, to, why.as_deref())
    })
    .await?;
    Ok(HttpResponse::Ok().json(BookingView::from(&row)))
}

async fn reschedule(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: StaffUser,
    http: HttpRequest,
    path: web::Path<Uuid>,
    body: web::Json<RescheduleBody>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let start = body.into_inner().start;
    let label = actor_label(Some(&user.0));
    let site = Site::of(&http, &tenant, &state.settings);
    let row = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let booking = model::find_for_update(conn, id)?;
        let actor = Actor {
            label: &label,
            site: &site,
        };
        changes::reschedule(conn, &actor, &booking, start)
    })
    .await?;
    Ok(HttpResponse::Ok().json(BookingView::from(&row)))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings", web::get().to(calendar))
        .route("/bookings/{id}", web::get().to(show))
        .route("/bookings/{id}/status", web::post().to(set_status))
        .route("/bookings/{id}/reschedule", web::post().to(reschedule));
}

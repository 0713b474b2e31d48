//! HTTP handlers of bookings' staff views (moved from the capability; being thinned).

use crate::extract::RequestSite;
use ::bookings::changes::{self, Actor};
use ::bookings::staff_views::*;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::extract::StaffUser;
use crate::problem::ApiResult;
use crate::state::AppState;
use ::bookings::model::{self, actor_label, BookingRow, BookingView, Status};
use ::bookings::settings;
use kernel::db;
use kernel::error::AppError;
use kernel::schema::tenant::{booking_history, bookings};

async fn calendar(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _user: StaffUser,
    query: web::Query<CalendarQuery>,
) -> ApiResult<HttpResponse> {
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
) -> ApiResult<HttpResponse> {
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

async fn set_status(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: StaffUser,
    http: HttpRequest,
    path: web::Path<Uuid>,
    body: web::Json<StatusBody>,
) -> ApiResult<HttpResponse> {
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
    let site = RequestSite::of(&http)?.0;
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
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let start = body.into_inner().start;
    let label = actor_label(Some(&user.0));
    let site = RequestSite::of(&http)?.0;
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

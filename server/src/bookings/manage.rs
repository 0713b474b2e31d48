//! The customer's manage link: see, cancel or reschedule a booking with the
//! token from the confirmation mail, no account needed. Changes are allowed
//! until the tenant's cancellation notice before the start.

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::availability::rfc3339;
use super::changes::{self, Actor};
use super::events::Site;
use super::model::{BookingRow, Status};
use super::settings::{self, BookingSettings};
use crate::auth::secrets;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::schema::tenant::{bookings, services, staff};
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

const ACTOR: &str = "customer:manage-link";

fn invalid_link() -> AppError {
    AppError::not_found(
        "booking_link_invalid",
        "This booking link is not valid. Check that you copied the whole link from your confirmation mail.",
    )
}

/// Finds the booking a token opens, locked for a change when `lock`.
fn by_token(conn: &mut PgConnection, token: &str, lock: bool) -> AppResult<BookingRow> {
    let hash = secrets::hash_presented(token).ok_or_else(invalid_link)?;
    let query = bookings::table
        .filter(bookings::manage_token_hash.eq(hash))
        .select(BookingRow::as_select());
    let found = if lock {
        query.for_update().first(conn).optional()?
    } else {
        query.first(conn).optional()?
    };
    found.ok_or_else(invalid_link)
}

/// Until when the customer may still change the booking.
fn change_deadline(b: &BookingRow, s: &BookingSettings) -> DateTime<Utc> {
    b.starts_at - s.cancellation_notice()
}

fn check_window(b: &BookingRow, s: &BookingSettings, what: &str) -> AppResult<()> {
    if !b.status().holds_time() {
        return Err(AppError::conflict(
            "booking_not_active",
            format!(
                "This booking is {} and can no longer be {what}.",
                b.status().as_str()
            ),
        ));
    }
    let deadline = change_deadline(b, s);
    if Utc::now() > deadline {
        return Err(AppError::conflict(
            "too_late_to_change",
            format!(
                "Bookings can be {what} online until {} before the start ({}); please contact the business.",
                humanize_minutes(s.cancellation_notice_minutes),
                rfc3339(deadline)
            ),
        ));
    }
    Ok(())
}

fn humanize_minutes(m: i32) -> String {
    match m {
        m if m % 1440 == 0 && m >= 1440 => format!("{} day(s)", m / 1440),
        m if m % 60 == 0 && m >= 60 => format!("{} hour(s)", m / 60),
        m => format!("{m} minute(s)"),
    }
}

#[derive(Serialize)]
struct ManageView {
    id: uuid::Uuid,
    status: Status,
    start: String,
    end: String,
    service: String,
    staff: String,
    time_zone: String,
    can_change: bool,
    change_deadline: String,
}

fn view(conn: &mut PgConnection, b: &BookingRow, s: &BookingSettings) -> AppResult<ManageView> {
    let service: String = services::table
        .find(b.service_id)
        .select(services::name)
        .first(conn)?;
    let staff_name: String = staff::table
        .find(b.staff_id)
        .select(staff::name)
        .first(conn)?;
    let deadline = change_deadline(b, s);
    Ok(ManageView {
        id: b.id,
        status: b.status(),
        start: rfc3339(b.starts_at),
        end: rfc3339(b.ends_at),
        service,
        staff: staff_name,
        time_zone: s.time_zone.clone(),
        can_change: b.status().holds_time() && Utc::now() <= deadline,
        change_deadline: rfc3339(deadline),
    })
}

async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let v = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let b = by_token(conn, &token, false)?;
        let s = settings::load(conn)?;
        view(conn, &b, &s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleBody {
    pub start: DateTime<Utc>,
}

async fn cancel(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    http: HttpRequest,
    path: web::Path<String>,
    body: Option<web::Json<CancelBody>>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let reason =
        crate::input::optional_long_text(body.and_then(|b| b.into_inner().reason).as_deref(), 500)
            .map_err(|m| AppError::invalid("reason", m))?;
    let site = Site::of(&http, &tenant, &state.settings);
    let v = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let b = by_token(conn, &token, true)?;
        let s = settings::load(conn)?;
        check_window(&b, &s, "cancelled")?;
        let actor = Actor {
            label: ACTOR,
            site: &site,
        };
        let row = changes::transition(conn, &actor, &b, Status::Cancelled, reason.as_deref())?;
        view(conn, &row, &s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

async fn reschedule(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    http: HttpRequest,
    path: web::Path<String>,
    body: web::Json<RescheduleBody>,
) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let start = body.into_inner().start;
    let site = Site::of(&http, &tenant, &state.settings);
    let v = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        let b = by_token(conn, &token, true)?;
        let s = settings::load(conn)?;
        check_window(&b, &s, "rescheduled")?;
        let actor = Actor {
            label: ACTOR,
            site: &site,
        };
        let row = changes::reschedule(conn, &actor, &b, start)?;
        view(conn, &row, &s)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/bookings/manage/{token}", web::get().to(show))
        .route("/bookings/manage/{token}/cancel", web::post().to(cancel))
        .route(
            "/bookings/manage/{token}/reschedule",
            web::post().to(reschedule),
        );
}

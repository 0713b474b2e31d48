//! /admin/bookings/{id}: a booking's details and history, with a button
//! for each status it may move to (confirm, cancel, complete, no-show),
//! each a CSRF-checked post to the JSON API's status operation.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::staff_views::{self, BookingDetail, StatusBody, StatusChange};
use bookings::{settings, BookingError, Status};
use chrono::DateTime;
use chrono_tz::Tz;
use kernel::error::AppError;
use uuid::Uuid;

use super::nav::{self, NavLink, Section};
use super::{names, staff_or_answer};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageError, PageResult};

pub struct Action {
    pub status: &'static str,
    pub label: String,
    pub kind: &'static str,
}

pub struct Change {
    pub at: String,
    pub what: String,
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/booking.html")]
struct BookingPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    id: Uuid,
    service: String,
    staff: String,
    customer: String,
    customer_email: String,
    customer_phone: String,
    date: String,
    time: String,
    status_code: &'static str,
    status: String,
    notes: Option<String>,
    actions: Vec<Action>,
    /// Whether the booking still holds its time, so it may move.
    movable: bool,
    history: Vec<Change>,
    calendar_href: String,
    csrf_token: String,
    notice: Option<Notice>,
}

pub(super) struct Loaded {
    pub detail: BookingDetail,
    pub tz: Tz,
    pub service: String,
    pub staff: String,
    customer: Option<customers::model::Customer>,
}

pub(super) fn load(conn: &mut diesel::PgConnection, id: Uuid) -> Result<Loaded, BookingError> {
    let detail = staff_views::show(conn, id)?;
    let tz = settings::get(conn)?.tz();
    let b = &detail.booking;
    let service = names::services(conn)?
        .remove(&b.service_id)
        .unwrap_or_default();
    let staff = names::team(conn)?
        .into_iter()
        .find(|(sid, _, _)| *sid == b.staff_id)
        .map(|(_, n, _)| n)
        .unwrap_or_default();
    let customer = names::customer(conn, b.customer_id)?;
    Ok(Loaded {
        detail,
        tz,
        service,
        staff,
        customer,
    })
}

/// The statuses staff may move a booking to from where it is.
const MOVES: [(Status, &str); 5] = [
    (Status::Confirmed, ""),
    (Status::Arrived, ""),
    (Status::Completed, ""),
    (Status::NoShow, "quiet"),
    (Status::Cancelled, "danger"),
];

fn page<'a>(p: &'a Page, l: Loaded, notice: Option<Notice>) -> BookingPage<'a> {
    let b = &l.detail.booking;
    let local = |raw: &str| DateTime::parse_from_rfc3339(raw).map(|t| t.with_timezone(&l.tz));
    let (date, time) = match (local(&b.start), local(&b.end)) {
        (Ok(s), Ok(e)) => (
            p.fmt.full_date(s.date_naive()),
            p.t2(
                "detail-time-range",
                ("start", &p.fmt.time(s.time())),
                ("end", &p.fmt.time(e.time())),
            ),
        ),
        _ => (b.start.clone(), b.end.clone()),
    };
    let actions = MOVES
        .iter()
        .filter(|(to, _)| b.status.can_become(*to))
        .map(|(to, kind)| Action {
            status: to.as_str(),
            label: p.t(&format!("admin-action-{}", to.as_str())),
            kind,
        })
        .collect();
    let history = l
        .detail
        .history
        .iter()
        .map(|h| Change {
            at: {
                let at = h.at.with_timezone(&l.tz);
                p.t2(
                    "book-chosen",
                    ("date", &p.fmt.full_date(at.date_naive())),
                    ("time", &p.fmt.time(at.time())),
                )
            },
            what: p.t(&format!("admin-status-{}", h.to_status.as_str())),
            reason: h.reason.clone(),
        })
        .collect();
    let start_day = local(&b.start).map(|s| s.date_naive().to_string());
    BookingPage {
        p,
        nav: nav::links(p, Section::Calendar),
        id: b.id,
        service: l.service,
        staff: l.staff,
        customer: l
            .customer
            .as_ref()
            .map_or_else(|| "—".into(), |c| c.name.clone()),
        customer_email: l
            .customer
            .as_ref()
            .and_then(|c| c.email.clone())
            .unwrap_or_default(),
        customer_phone: l
            .customer
            .as_ref()
            .and_then(|c| c.phone.clone())
            .unwrap_or_default(),
        date,
        time,
        status_code: b.status.as_str(),
        status: p.t(&format!("admin-status-{}", b.status.as_str())),
        notes: b.notes.clone(),
        actions,
        movable: b.status.holds_time(),
        history,
        calendar_href: match start_day {
            Ok(d) => format!("/admin/calendar?date={d}"),
            Err(_) => "/admin/calendar".into(),
        },
        csrf_token: p.csrf_token(),
        notice,
    }
}

pub(super) fn booking_id(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| {
        p.fail(AppError::not_found(
            "booking_not_found",
            "There is no such booking.",
        ))
    })
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = booking_id(&p, &path)?;
    let loaded = tenant
        .run(&p.state, move |conn| load(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    let query = req.query_string();
    let notice = if query.contains("changed=1") {
        Some(Notice::ok(p.t("admin-status-changed")))
    } else if query.contains("rescheduled=1") {
        Some(Notice::ok(p.t("admin-rescheduled")))
    } else {
        None
    };
    p.render(&page(&p, loaded, notice))
}

/// The booking's page saying the change asked for is no longer possible
/// (someone else changed the booking meanwhile): 409.
pub(super) fn refused(p: &Page, loaded: Loaded) -> PageResult {
    let notice = Some(Notice::bad(p.t("admin-status-refused")));
    p.render_status(StatusCode::CONFLICT, &page(p, loaded, notice))
}

/// POST /admin/bookings/{id}/status: `status` (and an optional `reason`);
/// 303 back to the booking. A move the booking no longer allows (someone
/// else changed it meanwhile) shows the page again with a message.
pub async fn set_status(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = booking_id(&p, &path)?;
    let change = StatusChange::parse(StatusBody {
        status: f.raw("status"),
        reason: f.get("reason").map(str::to_string),
    })
    .map_err(|e| p.fail(e))?;
    let site = site.0;
    let done = tenant
        .run(&p.state, move |conn| {
            staff_views::set_status(conn, &site, &user, id, &change)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/bookings/{id}?changed=1"))),
        Err(BookingError::InvalidTransition { .. }) => {
            let loaded = tenant
                .run(&p.state, move |conn| load(conn, id))
                .await
                .map_err(|e| p.fail(e))?;
            refused(&p, loaded)
        }
        Err(e) => Err(p.fail(e)),
    }
}

//! /admin/bookings/{id}/reschedule: another time for a booking, chosen by
//! staff. The same date strip and free times as the customer's pages
//! (`book::data`, `book::strip`) for the booking's service and staff
//! member; each time is a form that moves the booking through
//! `staff_views::reschedule`, the JSON API's operation. Staff are not held
//! to the cancellation notice. A time taken meanwhile shows fresh times.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::staff_views;
use bookings::BookingError;
use chrono::{DateTime, NaiveDate, Utc};
use kernel::error::AppError;
use uuid::Uuid;

use super::booking::{self, booking_id, Loaded as Booking};
use super::nav::{self, NavLink, Section};
use super::staff_or_answer;
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageError, PageResult};
use crate::pages::site::book::data::{self, Choice, Loaded};
use crate::pages::site::book::strip::{self, DayCell};
use crate::pages::site::book::view::time_label;
use crate::pages::site::manage::reschedule::SlotButton;

#[derive(Template)]
#[template(path = "admin/reschedule.html")]
struct ReschedulePage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    id: Uuid,
    service: String,
    staff: String,
    current: String,
    csrf_token: String,
    notice: Option<Notice>,
    zone_note: String,
    days: Vec<DayCell>,
    earlier: Option<String>,
    later: Option<String>,
    day_title: String,
    times: Vec<SlotButton>,
}

async fn booking_of(p: &Page, tenant: &CurrentTenant, id: Uuid) -> Result<Booking, PageError> {
    tenant
        .run(&p.state, move |conn| booking::load(conn, id))
        .await
        .map_err(|e| p.fail(e))
}

fn start_of(b: &Booking) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&b.detail.booking.start)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The free times of the booking's staff member around `choice`; the
/// strip shows `day` (in the site's zone) when it is given.
async fn slots_for(
    p: &Page,
    tenant: &CurrentTenant,
    b: &Booking,
    choice: Choice,
    day: Option<NaiveDate>,
) -> Result<(Loaded, Choice), PageError> {
    let v = &b.detail.booking;
    let choice = Choice {
        staff: Some(v.staff_id),
        start: None,
        date: day.or(choice.date),
        from: choice.from.or(day),
    };
    let loaded = data::load(p, tenant, v.service_id, &choice).await?;
    Ok((loaded, choice))
}

fn page_of<'a>(
    p: &'a Page,
    b: &Booking,
    l: &Loaded,
    choice: &Choice,
    notice: Option<Notice>,
) -> ReschedulePage<'a> {
    let id = b.detail.booking.id;
    let current = start_of(b);
    let day = strip::chosen_day(l, choice);
    let base = format!("/admin/bookings/{id}/reschedule");
    let (earlier, later) = strip::pager(l, &base, None);
    let times = l
        .free
        .get(&day)
        .map(|slots| {
            slots
                .iter()
                .filter(|s| Some(s.start) != current)
                .map(|s| SlotButton {
                    start: s.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    label: time_label(p, l, s.start),
                })
                .collect()
        })
        .unwrap_or_default();
    let current = current.map_or_else(String::new, |at| {
        let local = at.with_timezone(&l.tz);
        p.t2(
            "reschedule-current",
            ("date", &p.fmt.full_date(local.date_naive())),
            ("time", &p.fmt.time(local.time())),
        )
    });
    ReschedulePage {
        p,
        nav: nav::links(p, Section::Calendar),
        id,
        service: b.service.clone(),
        staff: b.staff.clone(),
        current,
        csrf_token: p.csrf_token(),
        notice,
        zone_note: p.t1("book-zone", "zone", &l.zone),
        days: strip::cells(p, l, day, &base, None),
        earlier,
        later,
        day_title: p.t1("book-times", "date", p.fmt.full_date(day)),
        times,
    }
}

/// GET: the strip and the chosen day's free times; a booking that no
/// longer holds its time goes back to its page.
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
    let b = booking_of(&p, &tenant, id).await?;
    if !b.detail.booking.status.holds_time() {
        return Ok(p.see_other(&format!("/admin/bookings/{id}")));
    }
    let (loaded, choice) = slots_for(
        &p,
        &tenant,
        &b,
        Choice::from_query(req.query_string()),
        None,
    )
    .await?;
    p.render(&page_of(&p, &b, &loaded, &choice, None))
}

/// POST: `start`; 303 to the booking's page. A time taken or not offered
/// meanwhile is 409 with that day's fresh times; a booking no longer
/// active is its page with the refusal.
pub async fn submit(
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
    let start = f
        .get("start")
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| {
            p.fail(AppError::bad_request(
                "invalid_form",
                "The form's time cannot be read.",
            ))
        })?;
    let site = site.0;
    let refusal = match tenant
        .run(&p.state, move |conn| {
            staff_views::reschedule(conn, &site, &user, id, start)
        })
        .await
    {
        Ok(_) => return Ok(p.see_other(&format!("/admin/bookings/{id}?rescheduled=1"))),
        Err(e) => e,
    };
    let b = booking_of(&p, &tenant, id).await?;
    match refusal {
        BookingError::BookingNotActive { .. } | BookingError::InvalidTransition { .. } => {
            booking::refused(&p, b)
        }
        BookingError::SlotUnavailable
        | BookingError::SlotNotOffered { .. }
        | BookingError::SlotNoLongerOffered => {
            let day = start.with_timezone(&b.tz).date_naive();
            let (loaded, choice) = slots_for(&p, &tenant, &b, Choice::default(), Some(day)).await?;
            let notice = Some(Notice::bad(p.t("reschedule-slot-taken")));
            let page = page_of(&p, &b, &loaded, &choice, notice);
            p.render_status(StatusCode::CONFLICT, &page)
        }
        other => Err(p.fail(other)),
    }
}

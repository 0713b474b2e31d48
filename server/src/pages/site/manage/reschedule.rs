//! /booking/{token}/reschedule: another time for the booking, inside the
//! site's cancellation notice. The page shows the booking page's date strip
//! and free times (`book::data`, `book::strip`) for the booking's service
//! and staff member; each time is a form that moves the booking through
//! `bookings::manage::reschedule`, the JSON API's operation. A time taken
//! in the meantime shows the day's fresh times; past the notice, the manage
//! page says the booking can no longer be changed.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::manage::{self, ManageView};
use bookings::BookingError;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use kernel::error::AppError;
use kernel::schema::tenant::bookings as booking_rows;
use uuid::Uuid;

use super::details::Details;
use super::manage_page;
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Page, PageError, PageResult};
use crate::pages::site::book::data::{self, Choice, Loaded};
use crate::pages::site::book::strip::{self, DayCell};
use crate::pages::site::book::view::time_label;

/// A free time as a form: the start to post, and how it reads.
pub struct SlotButton {
    pub start: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "site/reschedule.html")]
struct ReschedulePage<'a> {
    p: &'a Page,
    d: Details,
    current: String,
    token: String,
    csrf_token: String,
    notice: Option<String>,
    zone_note: String,
    days: Vec<DayCell>,
    earlier: Option<String>,
    later: Option<String>,
    day_title: String,
    times: Vec<SlotButton>,
}

/// The booking the token opens, with its service and staff member.
struct Booking {
    view: ManageView,
    service_id: Uuid,
    staff_id: Uuid,
}

async fn booking_of(p: &Page, tenant: &CurrentTenant, token: String) -> Result<Booking, PageError> {
    tenant
        .run(&p.state, move |conn| {
            let view = manage::show(conn, &token)?;
            let (service_id, staff_id) = booking_rows::table
                .find(view.id)
                .select((booking_rows::service_id, booking_rows::staff_id))
                .first::<(Uuid, Uuid)>(conn)
                .map_err(AppError::from)?;
            Ok::<_, BookingError>(Booking {
                view,
                service_id,
                staff_id,
            })
        })
        .await
        .map_err(|e| p.fail(e))
}

/// The manage page saying the booking can no longer be changed.
fn cannot_change(p: &Page, view: &ManageView, token: String, status: StatusCode) -> PageResult {
    let mut page = manage_page(p, view, token);
    page.notice = Some(p.t("manage-cannot-change"));
    page.notice_kind = "bad";
    p.render_status(status, &page)
}

/// The free times around `choice` for the booking's staff member; the strip
/// starts at `day` (in the site's zone) when it is given.
async fn slots_for(
    p: &Page,
    tenant: &CurrentTenant,
    b: &Booking,
    choice: Choice,
    day: Option<DateTime<Utc>>,
) -> Result<(Loaded, Choice), PageError> {
    let choice = Choice {
        staff: Some(b.staff_id),
        start: None,
        ..choice
    };
    let mut loaded = data::load(p, tenant, b.service_id, &choice).await?;
    let Some(at) = day else {
        return Ok((loaded, choice));
    };
    let local = at.with_timezone(&loaded.tz).date_naive();
    let choice = Choice {
        date: Some(local),
        ..choice
    };
    if !loaded.days.contains(&local) {
        let again = Choice {
            from: Some(local),
            ..choice.clone()
        };
        loaded = data::load(p, tenant, b.service_id, &again).await?;
    }
    Ok((loaded, choice))
}

fn page_of<'a>(
    p: &'a Page,
    b: &Booking,
    token: String,
    l: &Loaded,
    choice: &Choice,
    notice: Option<String>,
) -> ReschedulePage<'a> {
    let d = Details::of(p, &b.view);
    let day: NaiveDate = strip::chosen_day(l, choice);
    let base = format!("/booking/{token}/reschedule");
    let (earlier, later) = strip::pager(l, &base, None);
    let times = l
        .free
        .get(&day)
        .map(|slots| {
            slots
                .iter()
                .filter(|s| s.start != d.start)
                .map(|s| SlotButton {
                    start: s.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    label: time_label(p, l, s.start),
                })
                .collect()
        })
        .unwrap_or_default();
    ReschedulePage {
        p,
        current: p.t2("reschedule-current", ("date", &d.date), ("time", &d.time)),
        d,
        csrf_token: p.csrf_token(),
        notice,
        zone_note: p.t1("book-zone", "zone", &l.zone),
        days: strip::cells(p, l, day, &base, None),
        earlier,
        later,
        day_title: p.t1("book-times", "date", p.fmt.full_date(day)),
        times,
        token,
    }
}

/// GET: the strip and the free times of the chosen day.
pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    let token = path.into_inner();
    let b = booking_of(&p, &tenant, token.clone()).await?;
    if !b.view.can_change {
        return cannot_change(&p, &b.view, token, StatusCode::OK);
    }
    let (loaded, choice) = slots_for(
        &p,
        &tenant,
        &b,
        Choice::from_query(req.query_string()),
        None,
    )
    .await?;
    let page = page_of(&p, &b, token, &loaded, &choice, None);
    p.render(&page)
}

/// POST: moves the booking to `start`; 303 back to the manage page.
pub async fn submit(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let token = path.into_inner();
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
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
    let t = token.clone();
    let refusal = match tenant
        .run(&p.state, move |conn| {
            manage::reschedule(conn, &site, &t, start)
        })
        .await
    {
        Ok(_) => return Ok(p.see_other(&format!("/booking/{token}?rescheduled=1"))),
        Err(e) => e,
    };
    let b = booking_of(&p, &tenant, token.clone()).await?;
    match refusal {
        BookingError::TooLateToChange { .. } | BookingError::BookingNotActive { .. } => {
            cannot_change(&p, &b.view, token, StatusCode::CONFLICT)
        }
        BookingError::SlotUnavailable
        | BookingError::SlotNotOffered { .. }
        | BookingError::SlotNoLongerOffered => {
            let choice = Choice {
                date: Some(start.date_naive()),
                ..Choice::default()
            };
            let (loaded, choice) = slots_for(&p, &tenant, &b, choice, Some(start)).await?;
            let notice = Some(p.t("reschedule-slot-taken"));
            let page = page_of(&p, &b, token, &loaded, &choice, notice);
            p.render_status(StatusCode::CONFLICT, &page)
        }
        other => Err(p.fail(other)),
    }
}

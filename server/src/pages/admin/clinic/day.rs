//! GET /admin/appointments?date=YYYY-MM-DD: the day's appointments with
//! a patient (today in the site's time zone when no date is given), each
//! with the buttons its status allows: check in (arrived), completed,
//! no-show. POST /admin/appointments/{id}/status moves the booking through
//! the bookings library's own status change (its history and checks),
//! then 303 back to the same day.

use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::staff_views::{self, StatusBody, StatusChange};
use bookings::{settings, BookingError, Status};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use clinics::day::{self, Appointment};
use kernel::error::AppError;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::{id_of, param};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// The desk's buttons, in the order they are shown.
const MOVES: [(Status, &str); 3] = [
    (Status::Arrived, "clinic-check-in"),
    (Status::Completed, "admin-action-completed"),
    (Status::NoShow, "admin-action-no_show"),
];

pub struct Button {
    pub status: &'static str,
    pub label: String,
}

pub struct Row {
    pub id: Uuid,
    pub time: String,
    pub patient_id: Uuid,
    pub patient: String,
    pub code: String,
    pub service: String,
    pub staff: String,
    pub status_code: &'static str,
    pub status: String,
    pub buttons: Vec<Button>,
}

#[derive(Template)]
#[template(path = "admin/clinic/day.html")]
struct DayPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    notice: Option<Notice>,
    date: String,
    title: String,
    prev: String,
    next: String,
    rows: Vec<Row>,
}

fn row(p: &Page, tz: Tz, a: Appointment) -> Row {
    let (s, e) = (a.starts_at.with_timezone(&tz), a.ends_at.with_timezone(&tz));
    Row {
        id: a.id,
        time: p.t2(
            "detail-time-range",
            ("start", &p.fmt.time(s.time())),
            ("end", &p.fmt.time(e.time())),
        ),
        patient_id: a.patient_id,
        patient: a.patient_name,
        code: a.patient_code,
        service: a.service,
        staff: a.staff,
        status_code: a.status.as_str(),
        status: p.t(&format!("admin-status-{}", a.status.as_str())),
        buttons: MOVES
            .iter()
            .filter(|(to, _)| a.status.can_become(*to))
            .map(|(to, key)| Button {
                status: to.as_str(),
                label: p.t(key),
            })
            .collect(),
    }
}

/// The day asked for, or today where the site is; an unreadable date is
/// today too (a link typed by hand is no error worth a page).
fn day_of(asked: &str, tz: Tz) -> NaiveDate {
    NaiveDate::parse_from_str(asked, "%Y-%m-%d")
        .unwrap_or_else(|_| Utc::now().with_timezone(&tz).date_naive())
}

fn start_of(day: NaiveDate, tz: Tz) -> chrono::DateTime<Utc> {
    // Midnight may not exist on a day the clocks change: the earliest
    // instant of that local midnight, else the naive one read as UTC.
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let asked = param(&req, "date");
    let (tz, day, rows) = tenant
        .run(&p.state, move |conn| {
            let tz = settings::get(conn)?.tz();
            let day = day_of(&asked, tz);
            let next = day + Duration::days(1);
            let rows = day::between(conn, start_of(day, tz), start_of(next, tz))?;
            Ok::<_, AppError>((tz, day, rows))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let notice = match param(&req, "changed").as_str() {
        "1" => Some(Notice::ok(p.t("admin-status-changed"))),
        "0" => Some(Notice::bad(p.t("admin-status-refused"))),
        _ => None,
    };
    let page = DayPage {
        p: &p,
        nav: nav::links(&p, Section::Patients),
        csrf_token: p.csrf_token(),
        notice,
        date: day.to_string(),
        title: p.fmt.full_date(day),
        prev: (day - Duration::days(1)).to_string(),
        next: (day + Duration::days(1)).to_string(),
        rows: rows.into_iter().map(|a| row(&p, tz, a)).collect(),
    };
    p.render(&page)
}

/// POST /admin/appointments/{id}/status: `status` (arrived, completed or
/// no_show) and `date` (the day to go back to).
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
    let id = id_of(&p, &path, "booking_not_found")?;
    let status = f.raw("status");
    if !MOVES.iter().any(|(to, _)| to.as_str() == status) {
        return Err(p.fail(AppError::invalid(
            "status",
            "The status must be arrived, completed or no_show.",
        )));
    }
    let change = StatusChange::parse(StatusBody {
        status,
        reason: None,
    })
    .map_err(|e| p.fail(e))?;
    let date = NaiveDate::parse_from_str(&f.raw("date"), "%Y-%m-%d")
        .map(|d| d.to_string())
        .unwrap_or_default();
    let site = site.0;
    let done = tenant
        .run(&p.state, move |conn| {
            staff_views::set_status(conn, &site, &user, id, &change)
        })
        .await;
    let changed = match done {
        Ok(_) => "1",
        // Someone moved it meanwhile: the day again, with a message.
        Err(BookingError::InvalidTransition { .. }) => "0",
        Err(e) => return Err(p.fail(e)),
    };
    Ok(p.see_other(&format!(
        "/admin/appointments?date={date}&changed={changed}"
    )))
}

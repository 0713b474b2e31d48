//! GET /admin/staff/{id}/hours: a member's weekly hours form, the
//! upcoming date overrides and time off with their delete buttons, and
//! the forms adding one. The forms post to week.rs, overrides.rs and
//! time_off.rs, which show this page again when they refuse a value.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::hours::{self, RangeBody, StaffHours};
use bookings::staff::{self, Audience};
use bookings::{settings, BookingError};
use chrono::{NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use diesel::PgConnection;
use uuid::Uuid;

use super::{as_member, member_id};
use crate::extract::CurrentTenant;
use crate::pages::admin::nav::{self, NavLink, Section};
use crate::pages::admin::staff_or_answer;
use crate::pages::layer::{Feedback, Notice, Page, PageError, PageResult};

/// One start–end pair of time inputs.
pub struct RangeRow {
    pub start_field: String,
    pub end_field: String,
    pub start_label: String,
    pub end_label: String,
    pub start: String,
    pub end: String,
    /// The row the rules refused (marked for assistive technology).
    pub invalid: bool,
}

/// A weekday of the weekly hours form; blank rows are not used, a day
/// with none is closed.
pub struct DayRow {
    pub key: &'static str,
    pub label: String,
    pub ranges: Vec<RangeRow>,
    pub error: Option<String>,
}

pub struct OverrideLine {
    pub date: String,
    pub text: String,
    pub action: String,
}

pub struct OverrideForm {
    pub date: String,
    pub closed: bool,
    pub ranges: Vec<RangeRow>,
    pub fb: Feedback,
}

pub struct OffLine {
    pub from: String,
    pub to: String,
    pub reason: String,
    pub action: String,
}

#[derive(Default, Clone)]
pub struct OffForm {
    pub from_date: String,
    pub from_time: String,
    pub to_date: String,
    pub to_time: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "admin/staff/hours.html")]
struct HoursPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    id: Uuid,
    title: String,
    zone_note: String,
    notice: Option<Notice>,
    days: Vec<DayRow>,
    week_notice: Option<Notice>,
    overrides: Vec<OverrideLine>,
    ov: OverrideForm,
    offs: Vec<OffLine>,
    off: OffForm,
    off_fb: Feedback,
    csrf_token: String,
}

/// What the page shows of a member, read in one transaction.
pub struct Loaded {
    pub name: String,
    pub hours: StaffHours,
    pub tz: Tz,
    pub today: NaiveDate,
}

fn load(conn: &mut PgConnection, id: Uuid) -> Result<Loaded, BookingError> {
    let name = as_member(staff::get(conn, id, Audience::Team)?)?.name;
    let hours = hours::get(conn, id)?;
    let tz = settings::get(conn)?.tz();
    let today = Utc::now().with_timezone(&tz).date_naive();
    Ok(Loaded {
        name,
        hours,
        tz,
        today,
    })
}

pub async fn load_or_fail(p: &Page, tenant: &CurrentTenant, id: Uuid) -> Result<Loaded, PageError> {
    tenant
        .run(&p.state, move |conn| load(conn, id))
        .await
        .map_err(|e| p.fail(e))
}

/// The weekday keys of the form's field names, Monday first (weekday 0
/// of the API).
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A weekday's name in the page's language: a Monday (1 January 2024)
/// plus `index` days, through the locale's weekday format.
fn weekday_name(p: &Page, index: usize) -> String {
    let monday = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let days = u64::try_from(index).unwrap_or_default();
    p.fmt.weekday(monday + chrono::Days::new(days))
}

/// Input rows named `<prefix>_<n>_start` / `_end`, `n` from 1; at least
/// `min` rows, filled with `values` in order.
pub fn range_rows(
    p: &Page,
    prefix: &str,
    values: &[(String, String)],
    min: usize,
) -> Vec<RangeRow> {
    (1..=values.len().max(min))
        .map(|n| {
            let (start, end) = values.get(n - 1).cloned().unwrap_or_default();
            let number = p.fmt.number(i64::try_from(n).unwrap_or_default());
            RangeRow {
                start_field: format!("{prefix}_{n}_start"),
                end_field: format!("{prefix}_{n}_end"),
                start_label: p.t1("admin-staff-range-start", "n", &number),
                end_label: p.t1("admin-staff-range-end", "n", &number),
                start,
                end,
                invalid: false,
            }
        })
        .collect()
}

/// A day of the form with these ranges, and the refused row (from 0)
/// with its message.
pub fn day_row(
    p: &Page,
    index: usize,
    values: &[(String, String)],
    refused: Option<(usize, String)>,
) -> DayRow {
    let key = DAYS.get(index).copied().unwrap_or("mon");
    // One blank row more than the day uses, so a range can be added.
    let min = (values.len() + 1).max(2);
    let mut ranges = range_rows(p, key, values, min);
    let error = refused.map(|(row, message)| {
        if let Some(r) = ranges.get_mut(row) {
            r.invalid = true;
        }
        message
    });
    DayRow {
        key,
        label: weekday_name(p, index),
        ranges,
        error,
    }
}

/// The week as it is stored.
fn stored_week(p: &Page, hours: &StaffHours) -> Vec<DayRow> {
    (0..DAYS.len())
        .map(|i| {
            let values: Vec<(String, String)> = hours
                .rules
                .iter()
                .filter(|r| usize::try_from(r.weekday).ok() == Some(i))
                .map(|r| (r.start.clone(), r.end.clone()))
                .collect();
            day_row(p, i, &values, None)
        })
        .collect()
}

/// "09:00" as the language writes a time; the stored text if unreadable.
fn local_time(p: &Page, raw: &str) -> String {
    NaiveTime::parse_from_str(raw, "%H:%M")
        .map(|t| p.fmt.time(t))
        .unwrap_or_else(|_| raw.to_string())
}

fn ranges_text(p: &Page, ranges: &[RangeBody]) -> String {
    ranges
        .iter()
        .map(|r| {
            p.t2(
                "detail-time-range",
                ("start", &local_time(p, &r.start)),
                ("end", &local_time(p, &r.end)),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn at(p: &Page, tz: Tz, t: chrono::DateTime<Utc>) -> String {
    let local = t.with_timezone(&tz);
    p.t2(
        "book-chosen",
        ("date", &p.fmt.full_date(local.date_naive())),
        ("time", &p.fmt.time(local.time())),
    )
}

/// What a post changes on the page: the form it refused, as it was sent,
/// or the notice of a change that went through.
#[derive(Default)]
pub struct Forms {
    /// The refusal's status (422), or none for the page itself (200).
    pub status: Option<StatusCode>,
    pub notice: Option<Notice>,
    pub week: Option<(Vec<DayRow>, Notice)>,
    pub ov: Option<OverrideForm>,
    pub off: Option<(OffForm, Feedback)>,
}

pub fn blank_override(p: &Page) -> OverrideForm {
    OverrideForm {
        date: String::new(),
        closed: false,
        ranges: range_rows(p, "ov", &[], 2),
        fb: Feedback::default(),
    }
}

pub fn render(p: &Page, id: Uuid, l: Loaded, forms: Forms) -> PageResult {
    let (days, week_notice) = match forms.week {
        Some((days, notice)) => (days, Some(notice)),
        None => (stored_week(p, &l.hours), None),
    };
    let overrides = l
        .hours
        .overrides
        .iter()
        .filter(|o| o.date >= l.today)
        .map(|o| OverrideLine {
            date: p.fmt.full_date(o.date),
            text: if o.closed {
                p.t("admin-staff-closed")
            } else {
                ranges_text(p, &o.ranges)
            },
            action: format!("/admin/staff/{id}/overrides/{}/delete", o.date),
        })
        .collect();
    let offs = l
        .hours
        .time_off
        .iter()
        .map(|t| OffLine {
            from: at(p, l.tz, t.from),
            to: at(p, l.tz, t.to),
            reason: t.reason.clone().unwrap_or_default(),
            action: format!("/admin/staff/{id}/time-off/{}/delete", t.id),
        })
        .collect();
    let (off, off_fb) = forms.off.unwrap_or_default();
    let page = HoursPage {
        p,
        nav: nav::links(p, Section::Staff),
        id,
        title: p.t1("admin-staff-hours-title", "name", &l.name),
        zone_note: p.t1("book-zone", "zone", l.tz.name()),
        notice: forms.notice,
        days,
        week_notice,
        overrides,
        ov: forms.ov.unwrap_or_else(|| blank_override(p)),
        offs,
        off,
        off_fb,
        csrf_token: p.csrf_token(),
    };
    p.render_status(forms.status.unwrap_or(StatusCode::OK), &page)
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
    let id = member_id(&p, &path)?;
    let loaded = load_or_fail(&p, &tenant, id).await?;
    let query = req.query_string();
    let notice = if query.contains("saved=1") {
        Some(Notice::ok(p.t("admin-saved")))
    } else if query.contains("removed=1") {
        Some(Notice::ok(p.t("admin-staff-removed")))
    } else {
        None
    };
    let forms = Forms {
        notice,
        ..Forms::default()
    };
    render(&p, id, loaded, forms)
}

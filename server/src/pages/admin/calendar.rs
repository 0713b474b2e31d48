//! /admin/calendar?date=YYYY-MM-DD: one day, a column per staff member,
//! the day's bookings as blocks (time, service, customer, status), each
//! linking to its page. The bookings come from the JSON API's calendar
//! operation; the day is the site's, in its time zone.

use std::collections::HashMap;

use actix_web::HttpRequest;
use askama::Template;
use bookings::settings;
use bookings::staff_views::{self, CalendarFilter, CalendarQuery};
use bookings::{BookingError, BookingView};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::nav::{self, NavLink, Section};
use super::{names, staff_or_answer};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageResult};

pub struct Block {
    pub href: String,
    pub time: String,
    pub service: String,
    pub customer: String,
    pub status_code: &'static str,
    pub status: String,
}

pub struct Column {
    pub name: String,
    pub blocks: Vec<Block>,
}

#[derive(Template)]
#[template(path = "admin/calendar.html")]
struct CalendarPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    title: String,
    zone_note: String,
    date: String,
    earlier: String,
    later: String,
    today: String,
    week: String,
    columns: Vec<Column>,
}

/// What a calendar page shows: the bookings of `from` to `to` (one day,
/// or the week holding `date`), with the names beside them.
pub(super) struct Day {
    pub tz: Tz,
    pub date: NaiveDate,
    pub from: NaiveDate,
    pub today: NaiveDate,
    pub zone: String,
    pub bookings: Vec<BookingView>,
    pub services: HashMap<Uuid, String>,
    pub team: Vec<(Uuid, String, bool)>,
    pub customers: HashMap<Uuid, String>,
}

/// How many days a calendar page covers.
#[derive(Clone, Copy)]
pub(super) enum Span {
    Day,
    /// The week holding the date, Monday first.
    Week,
}

/// The Monday of `date`'s week.
pub(super) fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The chosen date; anything unreadable is today.
pub(super) fn chosen(query: &str) -> Option<NaiveDate> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    pairs
        .into_iter()
        .find(|(k, _)| k == "date")
        .and_then(|(_, v)| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
}

/// The span's bookings in one calendar query, in the site's time zone.
pub(super) fn load(
    conn: &mut diesel::PgConnection,
    date: Option<NaiveDate>,
    span: Span,
) -> Result<Day, BookingError> {
    let s = settings::get(conn)?;
    let tz = s.tz();
    let today = Utc::now().with_timezone(&tz).date_naive();
    let date = date.unwrap_or(today);
    let (from, to) = match span {
        Span::Day => (date, date),
        Span::Week => {
            let m = monday(date);
            (m, m + Duration::days(6))
        }
    };
    let filter = CalendarFilter::parse(CalendarQuery {
        from: from.to_string(),
        to: to.to_string(),
        staff_id: None,
        status: None,
    })?;
    let bookings = staff_views::calendar(conn, &filter)?;
    let mut customers = HashMap::new();
    for b in &bookings {
        if let std::collections::hash_map::Entry::Vacant(slot) = customers.entry(b.customer_id) {
            let name = names::customer(conn, b.customer_id)?.map_or_else(|| "—".into(), |c| c.name);
            slot.insert(name);
        }
    }
    Ok(Day {
        tz,
        date,
        from,
        today,
        zone: s.time_zone.clone(),
        services: names::services(conn)?,
        team: names::team(conn)?,
        customers,
        bookings,
    })
}

pub(super) fn block(p: &Page, d: &Day, b: &BookingView) -> Block {
    let local = |raw: &str| {
        DateTime::parse_from_rfc3339(raw)
            .map(|t| p.fmt.time(t.with_timezone(&d.tz).time()))
            .unwrap_or_default()
    };
    Block {
        href: format!("/admin/bookings/{}", b.id),
        time: p.t2(
            "detail-time-range",
            ("start", &local(&b.start)),
            ("end", &local(&b.end)),
        ),
        service: d.services.get(&b.service_id).cloned().unwrap_or_default(),
        customer: d.customers.get(&b.customer_id).cloned().unwrap_or_default(),
        status_code: b.status.as_str(),
        status: p.t(&format!("admin-status-{}", b.status.as_str())),
    }
}

/// A column per active staff member, and one for anyone else who holds
/// a booking that day (a member switched off since).
fn columns(p: &Page, d: &Day) -> Vec<Column> {
    let mut cols: Vec<(Uuid, Column)> = d
        .team
        .iter()
        .filter(|(id, _, active)| *active || d.bookings.iter().any(|b| b.staff_id == *id))
        .map(|(id, name, _)| {
            (
                *id,
                Column {
                    name: name.clone(),
                    blocks: Vec::new(),
                },
            )
        })
        .collect();
    for b in &d.bookings {
        let at = match cols.iter().position(|(id, _)| *id == b.staff_id) {
            Some(i) => i,
            None => {
                cols.push((
                    b.staff_id,
                    Column {
                        name: "—".into(),
                        blocks: Vec::new(),
                    },
                ));
                cols.len() - 1
            }
        };
        cols[at].1.blocks.push(block(p, d, b));
    }
    cols.into_iter().map(|(_, c)| c).collect()
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let date = chosen(req.query_string());
    let day = tenant
        .run(&p.state, move |conn| load(conn, date, Span::Day))
        .await
        .map_err(|e| p.fail(e))?;
    let link = |d: NaiveDate| format!("/admin/calendar?date={d}");
    let page = CalendarPage {
        nav: nav::links(&p, Section::Calendar),
        title: p.t1("admin-calendar-title", "date", p.fmt.full_date(day.date)),
        zone_note: p.t1("book-zone", "zone", &day.zone),
        date: day.date.to_string(),
        earlier: link(day.date - Duration::days(1)),
        later: link(day.date + Duration::days(1)),
        today: link(day.today),
        week: format!("/admin/calendar/week?date={}", day.date),
        columns: columns(&p, &day),
        p: &p,
    };
    p.render(&page)
}

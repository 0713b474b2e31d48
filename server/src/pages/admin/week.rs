//! /admin/calendar/week?date=YYYY-MM-DD: the week holding that date
//! (Monday first, in the site's time zone), a panel per staff member with
//! its seven days and each day's bookings as compact blocks linking to
//! their pages. One calendar query covers the week, as the day view's does
//! its day.

use actix_web::HttpRequest;
use askama::Template;
use chrono::{DateTime, Duration, NaiveDate};
use uuid::Uuid;

use super::calendar::{self, block, chosen, Block, Day, Span};
use super::nav::{self, NavLink, Section};
use super::staff_or_answer;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageResult};

pub struct WeekDay {
    pub label: String,
    pub href: String,
    pub is_today: bool,
    pub blocks: Vec<Block>,
}

pub struct Row {
    pub name: String,
    pub days: Vec<WeekDay>,
}

#[derive(Template)]
#[template(path = "admin/week.html")]
struct WeekPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    title: String,
    zone_note: String,
    date: String,
    earlier: String,
    later: String,
    this_week: String,
    day_view: String,
    rows: Vec<Row>,
}

fn days(p: &Page, d: &Day) -> Vec<WeekDay> {
    (0..7)
        .map(|i| {
            let day = d.from + Duration::days(i);
            WeekDay {
                label: format!("{} {}", p.fmt.weekday(day), p.fmt.day_month(day)),
                href: format!("/admin/calendar?date={day}"),
                is_today: day == d.today,
                blocks: Vec::new(),
            }
        })
        .collect()
}

/// A row per active staff member, and one for anyone else who holds a
/// booking that week (a member switched off since).
fn rows(p: &Page, d: &Day) -> Vec<Row> {
    let mut rows: Vec<(Uuid, Row)> = d
        .team
        .iter()
        .filter(|(id, _, active)| *active || d.bookings.iter().any(|b| b.staff_id == *id))
        .map(|(id, name, _)| {
            (
                *id,
                Row {
                    name: name.clone(),
                    days: days(p, d),
                },
            )
        })
        .collect();
    for b in &d.bookings {
        let Ok(start) = DateTime::parse_from_rfc3339(&b.start) else {
            continue;
        };
        let offset = (start.with_timezone(&d.tz).date_naive() - d.from).num_days();
        let Ok(offset) = usize::try_from(offset) else {
            continue;
        };
        if offset >= 7 {
            continue;
        }
        let at = match rows.iter().position(|(id, _)| *id == b.staff_id) {
            Some(i) => i,
            None => {
                rows.push((
                    b.staff_id,
                    Row {
                        name: "—".into(),
                        days: days(p, d),
                    },
                ));
                rows.len() - 1
            }
        };
        if let Some(day) = rows[at].1.days.get_mut(offset) {
            day.blocks.push(block(p, d, b));
        }
    }
    rows.into_iter().map(|(_, r)| r).collect()
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let date = chosen(req.query_string());
    let week = tenant
        .run(&p.state, move |conn| calendar::load(conn, date, Span::Week))
        .await
        .map_err(|e| p.fail(e))?;
    let link = |d: NaiveDate| format!("/admin/calendar/week?date={d}");
    let page = WeekPage {
        nav: nav::links(&p, Section::Calendar),
        title: p.t1("admin-week-title", "date", p.fmt.full_date(week.from)),
        zone_note: p.t1("book-zone", "zone", &week.zone),
        date: week.date.to_string(),
        earlier: link(week.from - Duration::days(7)),
        later: link(week.from + Duration::days(7)),
        this_week: link(calendar::monday(week.today)),
        day_view: format!("/admin/calendar?date={}", week.date),
        rows: rows(&p, &week),
        p: &p,
    };
    p.render(&page)
}

//! POST /admin/staff/{id}/hours: the weekly hours form replaces the week,
//! as the API's PUT availability does. Each day's rows are named
//! `mon_1_start`, `mon_1_end`, `mon_2_start` ...; a row left blank is not
//! used. A range the rules refuse (an end before its start, an overlap,
//! half a range) shows the week again with the message beside its day,
//! and nothing is saved.

use actix_web::http::StatusCode;
use actix_web::web;
use bookings::hours::{self, RuleBody, RulesBody, WeeklyRules};
use bookings::BookingError;
use chrono::NaiveTime;

use super::hours::{day_row, load_or_fail, render, Forms, DAYS};
use super::{member_id, schedules};
use crate::extract::CurrentTenant;
use crate::pages::admin::staff_or_answer;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// How many rows of a day a post is read for: far more than the form
/// shows, so a week set through the API with many ranges survives.
const MAX_ROWS: usize = 48;

/// A day's rows as posted, up to the last one with a value (blank rows
/// before it kept, so the form shows them where they were).
fn posted_day(f: &Form, day: &str) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = (1..=MAX_ROWS)
        .map(|n| {
            (
                f.raw(&format!("{day}_{n}_start")).trim().to_string(),
                f.raw(&format!("{day}_{n}_end")).trim().to_string(),
            )
        })
        .collect();
    let used = rows
        .iter()
        .rposition(|(s, e)| !s.is_empty() || !e.is_empty())
        .map_or(0, |last| last + 1);
    rows.into_iter().take(used).collect()
}

fn time_of(raw: &str) -> Option<NaiveTime> {
    if raw == "24:00" {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .ok()
}

/// The words for a range the rules refused: the operation says which
/// range; the page says what is wrong with it in the visitor's language.
fn problem_key(start: &str, end: &str) -> &'static str {
    match (time_of(start), time_of(end)) {
        (Some(s), Some(e)) if e <= s => "admin-staff-hours-order",
        (Some(_), Some(_)) => "admin-staff-hours-overlap",
        _ => "admin-staff-hours-time",
    }
}

/// The range number of a refused field, `rules[3]` -> 3.
fn rule_index(field: &str) -> Option<usize> {
    field
        .strip_prefix("rules[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

pub async fn save(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = member_id(&p, &path)?;
    let week: Vec<Vec<(String, String)>> = DAYS.iter().map(|d| posted_day(&f, d)).collect();
    // The API's body: one rule per used row, and where each came from.
    let mut rules = Vec::new();
    let mut origin = Vec::new();
    for (day, rows) in week.iter().enumerate() {
        for (row, (start, end)) in rows.iter().enumerate() {
            if start.is_empty() && end.is_empty() {
                continue;
            }
            rules.push(RuleBody {
                weekday: i16::try_from(day).unwrap_or_default(),
                start: start.clone(),
                end: end.clone(),
            });
            origin.push((day, row, problem_key(start, end)));
        }
    }
    let refused = match WeeklyRules::parse(&RulesBody { rules }) {
        Ok(rules) => {
            let schedules = schedules(&p, &tenant);
            tenant
                .run(&p.state, move |conn| {
                    hours::replace_rules(conn, &schedules, id, &rules)
                })
                .await
                .map_err(|e| p.fail(e))?;
            return Ok(p.see_other(&format!("/admin/staff/{id}/hours?saved=1")));
        }
        Err(BookingError::Invalid { field, .. }) => {
            rule_index(&field).and_then(|i| origin.get(i)).copied()
        }
        Err(e) => return Err(p.fail(e)),
    };
    let loaded = load_or_fail(&p, &tenant, id).await?;
    let days = week
        .iter()
        .enumerate()
        .map(|(i, rows)| {
            let error = refused
                .filter(|(day, _, _)| *day == i)
                .map(|(_, row, key)| (row, p.t(key)));
            day_row(&p, i, rows, error)
        })
        .collect();
    let forms = Forms {
        status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        week: Some((days, Notice::bad(p.t("book-errors-intro")))),
        ..Forms::default()
    };
    render(&p, id, loaded, forms)
}

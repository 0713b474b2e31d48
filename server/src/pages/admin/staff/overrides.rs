//! POST /admin/staff/{id}/overrides: other hours (or closed) on one date,
//! replacing that date's override as the API's PUT does; POST
//! /admin/staff/{id}/overrides/{date}/delete: the date follows the weekly
//! hours again (the API's DELETE).

use actix_web::web;
use bookings::hours::{self, DayOverride, OverrideBody, RangeBody};
use bookings::BookingError;
use chrono::NaiveDate;

use super::hours::{load_or_fail, range_rows, render, Forms, OverrideForm};
use super::{member_id, not_found, refused};
use crate::extract::CurrentTenant;
use crate::pages::admin::staff_or_answer;
use crate::pages::layer::{Form, Page, PageResult};

/// The form's two rows of times.
const ROWS: usize = 2;

fn date_of(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// The operation's field names, as this section's catalog words them.
fn field_name(field: &str) -> &'static str {
    if field == "date" {
        "staff-override-date"
    } else if field.starts_with("ranges") {
        "staff-override-ranges"
    } else {
        "staff-other"
    }
}

pub async fn set(
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
    let rows: Vec<(String, String)> = (1..=ROWS)
        .map(|n| {
            (
                f.raw(&format!("ov_{n}_start")).trim().to_string(),
                f.raw(&format!("ov_{n}_end")).trim().to_string(),
            )
        })
        .collect();
    let body = OverrideBody {
        closed: f.checked("ov_closed"),
        ranges: rows
            .iter()
            .filter(|(s, e)| !s.is_empty() || !e.is_empty())
            .map(|(start, end)| RangeBody {
                start: start.clone(),
                end: end.clone(),
            })
            .collect(),
    };
    let date = f.raw("ov_date");
    let day = date.clone();
    let done = tenant
        .run(&p.state, move |conn| {
            let date = date_of(&day)
                .ok_or_else(|| BookingError::invalid("date", "give a date like 2030-01-31"))?;
            let hours = DayOverride::parse(&body)?;
            hours::set_override(conn, id, date, &hours)
        })
        .await;
    let e = match done {
        Ok(_) => return Ok(p.see_other(&format!("/admin/staff/{id}/hours?saved=1"))),
        Err(e) => e,
    };
    let (status, fb) = refused(&p, e, field_name)?;
    let loaded = load_or_fail(&p, &tenant, id).await?;
    let ov = OverrideForm {
        date,
        closed: f.checked("ov_closed"),
        ranges: range_rows(&p, "ov", &rows, ROWS),
        fb,
    };
    let forms = Forms {
        status: Some(status),
        ov: Some(ov),
        ..Forms::default()
    };
    render(&p, id, loaded, forms)
}

pub async fn clear(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (raw_id, raw_date) = path.into_inner();
    let id = member_id(&p, &raw_id)?;
    // Only the page's own buttons name a date here: an unreadable one is
    // no page of ours.
    let date = date_of(&raw_date).ok_or_else(|| not_found(&p))?;
    tenant
        .run(&p.state, move |conn| hours::clear_override(conn, id, date))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other(&format!("/admin/staff/{id}/hours?removed=1")))
}

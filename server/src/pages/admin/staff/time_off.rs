//! POST /admin/staff/{id}/time-off: time off from a local date and time
//! to another, in the site's time zone, with a reason (the API's POST
//! time-off body once turned into instants); POST
//! /admin/staff/{id}/time-off/{off}/delete removes one (the API's DELETE).

use actix_web::web;
use bookings::hours::{self, NewTimeOff, TimeOffBody};
use bookings::{settings, BookingError};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::hours::{load_or_fail, render, Forms, OffForm};
use super::{member_id, not_found, refused};
use crate::extract::CurrentTenant;
use crate::pages::admin::staff_or_answer;
use crate::pages::layer::{Form, Page, PageResult};

/// Which end of the time off a date and time give.
#[derive(Clone, Copy)]
enum End {
    From,
    To,
}

/// A local date and time in `tz` as an instant. A blank time is the
/// start of the day for `from` and the end of the day for `to`, so two
/// dates alone take whole days off. A time the clocks skip (the spring
/// change) is refused; one they repeat is the first of the two.
fn instant(tz: Tz, date: &str, time: &str, end: End) -> Result<DateTime<Utc>, &'static str> {
    let date =
        NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| "give a date like 2030-01-31")?;
    let local = match (time, end) {
        ("", End::From) => date.and_time(NaiveTime::MIN),
        ("", End::To) => date
            .succ_opt()
            .ok_or("the date is out of range")?
            .and_time(NaiveTime::MIN),
        (t, _) => {
            let t = NaiveTime::parse_from_str(t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                .map_err(|_| "give a time like 09:30")?;
            date.and_time(t)
        }
    };
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or("this time does not exist in the time zone (the clocks change)")
}

/// The API's body from the form, in the site's time zone.
fn body_of(tz: Tz, f: &OffForm) -> Result<TimeOffBody, BookingError> {
    let from = instant(tz, &f.from_date, &f.from_time, End::From)
        .map_err(|m| BookingError::invalid("from", m))?;
    let to =
        instant(tz, &f.to_date, &f.to_time, End::To).map_err(|m| BookingError::invalid("to", m))?;
    let reason = Some(f.reason.trim().to_string()).filter(|r| !r.is_empty());
    Ok(TimeOffBody { from, to, reason })
}

/// The operation's field names, as this section's catalog words them.
fn field_name(field: &str) -> &'static str {
    match field {
        "from" => "staff-off-from",
        "to" => "staff-off-to",
        "reason" => "staff-off-reason",
        _ => "staff-other",
    }
}

pub async fn add(
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
    let form = OffForm {
        from_date: f.raw("off_from_date").trim().to_string(),
        from_time: f.raw("off_from_time").trim().to_string(),
        to_date: f.raw("off_to_date").trim().to_string(),
        to_time: f.raw("off_to_time").trim().to_string(),
        reason: f.raw("off_reason"),
    };
    let posted = form.clone();
    let done = tenant
        .run(&p.state, move |conn| {
            let tz = settings::get(conn)?.tz();
            let new = NewTimeOff::parse(body_of(tz, &posted)?)?;
            hours::add_time_off(conn, id, &new)
        })
        .await;
    let e = match done {
        Ok(_) => return Ok(p.see_other(&format!("/admin/staff/{id}/hours?saved=1"))),
        Err(e) => e,
    };
    let (status, fb) = refused(&p, e, field_name)?;
    let loaded = load_or_fail(&p, &tenant, id).await?;
    let forms = Forms {
        status: Some(status),
        off: Some((form, fb)),
        ..Forms::default()
    };
    render(&p, id, loaded, forms)
}

pub async fn remove(
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
    let (raw_id, raw_off) = path.into_inner();
    let id = member_id(&p, &raw_id)?;
    let off = Uuid::parse_str(&raw_off).map_err(|_| not_found(&p))?;
    tenant
        .run(&p.state, move |conn| hours::remove_time_off(conn, id, off))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other(&format!("/admin/staff/{id}/hours?removed=1")))
}

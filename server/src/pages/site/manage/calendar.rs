//! GET /booking/{token}/calendar.ics: the booking as a calendar event to
//! download. Its UID is the one the booking mails' invitations carry
//! (`booking-<id>@<site host>`), so a calendar that has the mailed event
//! updates it rather than adding a second.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use bookings::manage;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::details::Details;
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Page, PageResult};

pub async fn download(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
) -> PageResult {
    let token = path.into_inner();
    let view = tenant
        .run(&p.state, move |conn| manage::show(conn, &token))
        .await
        .map_err(|e| p.fail(e))?;
    let d = Details::of(&p, &view);
    let host = site
        .host
        .split(':')
        .next()
        .unwrap_or(&site.host)
        .to_string();
    let mut event = Event::new();
    event
        .uid(&format!("booking-{}@{host}", view.id))
        .summary(&format!("{} · {} ({})", d.service, d.staff, p.site_name()))
        .starts(d.start)
        .ends(d.end)
        .status(if d.status_code == "cancelled" {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    let mut calendar = Calendar::new();
    calendar.push(event.done());
    let mut res = HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"booking.ics\"",
        ))
        .body(calendar.done().to_string());
    crate::pages::layer::headers::add_page(res.headers_mut());
    Ok(res)
}

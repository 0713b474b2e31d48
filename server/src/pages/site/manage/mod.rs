//! The booking after it is made: the confirmation page, the manage page of
//! the mailed link (/booking/{token}), cancelling there, and the calendar
//! file. The token is the link's; `bookings::manage` checks it, as it does
//! for the JSON API.

mod calendar;
mod details;
pub mod reschedule;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::manage::{self, ManageView};
use bookings::{BookingError, Reason};

use super::super::layer::{Form, Page, PageResult};
use crate::extract::{CurrentTenant, RequestSite};
use details::Details;

pub use calendar::download;

#[derive(Template)]
#[template(path = "site/confirmed.html")]
struct Confirmed<'a> {
    p: &'a Page,
    d: Details,
    token: String,
    awaiting: bool,
}

#[derive(Template)]
#[template(path = "site/manage.html")]
struct Manage<'a> {
    p: &'a Page,
    d: Details,
    token: String,
    csrf_token: String,
    notice: Option<String>,
    notice_kind: &'static str,
    reason: String,
    reason_error: Option<String>,
}

async fn view_of(
    p: &Page,
    tenant: &CurrentTenant,
    token: String,
) -> Result<ManageView, super::super::layer::PageError> {
    tenant
        .run(&p.state, move |conn| manage::show(conn, &token))
        .await
        .map_err(|e| p.fail(e))
}

pub async fn confirmed(p: Page, tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    let token = path.into_inner();
    let view = view_of(&p, &tenant, token.clone()).await?;
    let page = Confirmed {
        d: Details::of(&p, &view),
        p: &p,
        token,
        awaiting: view.status == bookings::Status::AwaitingConfirmation,
    };
    p.render(&page)
}

fn manage_page<'a>(p: &'a Page, view: &ManageView, token: String) -> Manage<'a> {
    Manage {
        p,
        d: Details::of(p, view),
        token,
        csrf_token: p.csrf_token(),
        notice: None,
        notice_kind: "",
        reason: String::new(),
        reason_error: None,
    }
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    let token = path.into_inner();
    let view = view_of(&p, &tenant, token.clone()).await?;
    let mut page = manage_page(&p, &view, token);
    if req.query_string().contains("cancelled=1") && view.status == bookings::Status::Cancelled {
        page.notice = Some(p.t("manage-cancelled"));
        page.notice_kind = "ok";
    } else if req.query_string().contains("rescheduled=1") && view.status.holds_time() {
        page.notice = Some(p.t2(
            "manage-rescheduled",
            ("date", &page.d.date),
            ("time", &page.d.time),
        ));
        page.notice_kind = "ok";
    }
    p.render(&page)
}

/// POST /booking/{token}/cancel: cancels with the reason given, inside the
/// site's cancellation notice; 303 back to the manage page.
pub async fn cancel(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let token = path.into_inner();
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let typed = f.raw("reason");
    let refusal = match Reason::parse(f.get("reason")) {
        Ok(reason) => {
            let site = site.0;
            let t = token.clone();
            match tenant
                .run(&p.state, move |conn| {
                    manage::cancel(conn, &site, &t, &reason)
                })
                .await
            {
                Ok(_) => return Ok(p.see_other(&format!("/booking/{token}?cancelled=1"))),
                Err(e) => e,
            }
        }
        Err(e) => e,
    };
    let view = view_of(&p, &tenant, token.clone()).await?;
    let mut page = manage_page(&p, &view, token);
    page.reason = typed;
    let status = match refusal {
        BookingError::Invalid { .. } => {
            page.reason_error = Some(p.t("error-field-reason"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        BookingError::TooLateToChange { .. } | BookingError::BookingNotActive { .. } => {
            page.notice = Some(p.t("manage-cannot-change"));
            page.notice_kind = "bad";
            StatusCode::CONFLICT
        }
        other => return Err(p.fail(other)),
    };
    p.render_status(status, &page)
}

//! /account: the signed-in customer's upcoming and past bookings, each
//! upcoming one with a cancel button while the site's notice allows.

use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::manage::ManageView;
use bookings::own::{self, OwnBookings};
use bookings::{BookingError, Reason};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use kernel::error::AppError;
use uuid::Uuid;

use super::exercises::{self, ExerciseRow};
use super::forms::Notice;
use super::signin::customer_or_redirect;
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Page, PageResult};
use crate::pages::shop::{orders_of, OrderRow};

/// One booking as a row of the account page.
pub struct Row {
    pub id: Uuid,
    pub service: String,
    pub staff: String,
    pub when: String,
    pub status_code: &'static str,
    pub status: String,
    pub can_cancel: bool,
}

#[derive(Template)]
#[template(path = "account/home.html")]
struct HomePage<'a> {
    p: &'a Page,
    greeting: String,
    csrf_token: String,
    notice: Option<Notice>,
    upcoming: Vec<Row>,
    past: Vec<Row>,
    /// Their shop orders, newest first.
    orders: Vec<OrderRow>,
    /// Their treatment plans' exercises, when they are a patient here.
    exercises: Option<Vec<ExerciseRow>>,
}

fn when(p: &Page, v: &ManageView) -> String {
    let tz: Tz = v.time_zone.parse().unwrap_or(chrono_tz::UTC);
    match DateTime::parse_from_rfc3339(&v.start) {
        Ok(start) => {
            let local = start.with_timezone(&Utc).with_timezone(&tz);
            p.t2(
                "book-chosen",
                ("date", &p.fmt.full_date(local.date_naive())),
                ("time", &p.fmt.time(local.time())),
            )
        }
        Err(_) => v.start.clone(),
    }
}

fn row(p: &Page, v: &ManageView) -> Row {
    Row {
        id: v.id,
        service: v.service.clone(),
        staff: v.staff.clone(),
        when: when(p, v),
        status_code: v.status.as_str(),
        status: p.t(&format!("status-{}", v.status.as_str())),
        can_cancel: v.can_change,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let holder = match customer_or_redirect(&p) {
        Ok(h) => h.clone(),
        Err(denied) => return denied.answer(&p),
    };
    let customer_id = holder.account.id();
    let mine: OwnBookings = tenant
        .run(&p.state, move |conn| own::list(conn, customer_id))
        .await
        .map_err(|e| p.fail(e))?;
    let orders = orders_of(&p, &tenant, customer_id).await?;
    let exercises = exercises::of_customer(&p, &tenant, &req, customer_id).await?;
    let query = req.query_string();
    let notice = if query.contains("cancelled=1") {
        Some(Notice {
            text: p.t("account-cancelled"),
            kind: "ok",
        })
    } else if query.contains("refused=1") {
        Some(Notice {
            text: p.t("account-cannot-cancel"),
            kind: "bad",
        })
    } else {
        None
    };
    let page = HomePage {
        greeting: p.t1("account-greeting", "name", &holder.name),
        csrf_token: p.csrf_token(),
        notice,
        upcoming: mine.upcoming.iter().map(|v| row(&p, v)).collect(),
        past: mine.past.iter().map(|v| row(&p, v)).collect(),
        orders,
        exercises,
        p: &p,
    };
    p.render(&page)
}

/// POST /account/bookings/{id}/cancel: one of the customer's own bookings
/// (anyone else's is a 404), inside the site's notice; 303 back.
pub async fn cancel(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let customer_id = match customer_or_redirect(&p) {
        Ok(h) => h.account.id(),
        Err(denied) => return denied.answer(&p),
    };
    let id = Uuid::parse_str(&path).map_err(|_| {
        p.fail(AppError::not_found(
            "booking_not_found",
            "There is no such booking.",
        ))
    })?;
    let reason = Reason::parse(f.get("reason")).map_err(|e| p.fail(e))?;
    let site = site.0;
    let done = tenant
        .run(&p.state, move |conn| {
            own::cancel(conn, &site, customer_id, id, &reason)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/account?cancelled=1")),
        Err(BookingError::TooLateToChange { .. } | BookingError::BookingNotActive { .. }) => {
            Ok(p.see_other("/account?refused=1"))
        }
        Err(e) => Err(p.fail(e)),
    }
}

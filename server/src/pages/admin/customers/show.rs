//! GET /admin/customers/{id}: a customer's details and their bookings,
//! upcoming and past, each linking to its back-office page; for the owner
//! and admins, the export link and the erase form.

use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::manage::ManageView;
use bookings::own::{self, OwnBookings};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use customers::model::Customer;
use diesel::PgConnection;
use kernel::error::AppError;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::customer_id;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};

/// One booking as a row of the customer's page.
pub struct BookingRow {
    pub id: Uuid,
    pub service: String,
    pub staff: String,
    pub when: String,
    pub status_code: &'static str,
    pub status: String,
}

#[derive(Template)]
#[template(path = "admin/customers/show.html")]
pub(super) struct ShowPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    id: Uuid,
    name: String,
    email: String,
    phone: String,
    tags: String,
    marketing: String,
    notes: Option<String>,
    created: String,
    /// When the person's data was erased, as a date; None while it is kept.
    erased: Option<String>,
    upcoming: Vec<BookingRow>,
    past: Vec<BookingRow>,
    /// The owner or an admin: the export link and the erase form show.
    may_erase: bool,
    csrf_token: String,
    notice: Option<Notice>,
    /// The erase form's refusal, beside its confirmation box.
    confirm_error: Option<String>,
}

pub(super) struct Loaded {
    customer: Customer,
    bookings: OwnBookings,
    tz: Tz,
}

/// The record (erased or not) and its bookings, in one transaction.
pub(super) fn load(conn: &mut PgConnection, id: Uuid) -> Result<Loaded, AppError> {
    let customer = customers::repo::find(conn, id)?;
    // The same list the customer's own account page shows.
    let bookings = own::list(conn, id)?;
    let tz = bookings::settings::get(conn)?.tz();
    Ok(Loaded {
        customer,
        bookings,
        tz,
    })
}

fn when(p: &Page, v: &ManageView) -> String {
    let tz: Tz = v.time_zone.parse().unwrap_or(chrono_tz::UTC);
    match DateTime::parse_from_rfc3339(&v.start) {
        Ok(start) => {
            let local = start.with_timezone(&tz);
            p.t2(
                "book-chosen",
                ("date", &p.fmt.full_date(local.date_naive())),
                ("time", &p.fmt.time(local.time())),
            )
        }
        Err(_) => v.start.clone(),
    }
}

fn booking_row(p: &Page, v: &ManageView) -> BookingRow {
    BookingRow {
        id: v.id,
        service: v.service.clone(),
        staff: v.staff.clone(),
        when: when(p, v),
        status_code: v.status.as_str(),
        status: p.t(&format!("admin-status-{}", v.status.as_str())),
    }
}

fn day(p: &Page, at: DateTime<Utc>, tz: Tz) -> String {
    p.fmt.full_date(at.with_timezone(&tz).date_naive())
}

pub(super) fn page<'a>(
    p: &'a Page,
    l: Loaded,
    notice: Option<Notice>,
    confirm_error: Option<String>,
) -> ShowPage<'a> {
    let c = l.customer;
    ShowPage {
        p,
        nav: nav::links(p, Section::Customers),
        id: c.id,
        name: c.name,
        email: c.email.unwrap_or_default(),
        phone: c.phone.unwrap_or_default(),
        tags: c.tags.join(", "),
        marketing: p.t(if c.marketing_consent {
            "admin-customers-yes"
        } else {
            "admin-customers-no"
        }),
        notes: c.notes,
        created: day(p, c.created_at, l.tz),
        erased: c.erased_at.map(|at| day(p, at, l.tz)),
        upcoming: l
            .bookings
            .upcoming
            .iter()
            .map(|v| booking_row(p, v))
            .collect(),
        past: l.bookings.past.iter().map(|v| booking_row(p, v)).collect(),
        may_erase: p.staff().is_some_and(|h| h.role.is_admin()),
        csrf_token: p.csrf_token(),
        notice,
        confirm_error,
    }
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
    let id = customer_id(&p, &path)?;
    let loaded = tenant
        .run(&p.state, move |conn| load(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    let notice = req
        .query_string()
        .split('&')
        .any(|pair| pair == "erased=1")
        .then(|| Notice::ok(p.t("admin-customers-erased-done")));
    p.render(&page(&p, loaded, notice, None))
}

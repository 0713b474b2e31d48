//! POST /book/{service_id}: the booking form. It books through
//! `bookings::create::book`, the JSON API's operation, with the same rate
//! limits; 303 to the confirmation page. A time taken in the meantime shows
//! the day's fresh times; a refused field, the form with a message beside
//! it. Nothing is half-made: the booking, and the marketing consent, are
//! one transaction.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use bookings::create::{self, BookingRequest, CreateBody, CustomerBody};
use bookings::{Booked, Booker, BookingError};
use chrono::{DateTime, Utc};
use customers::model::CustomerChanges;
use kernel::error::AppError;
use uuid::Uuid;

use super::data::{self, Choice};
use super::form::{FieldErrors, Typed};
use super::view::{self, Notice, Outcome};
use crate::extract::{ClientAddr, CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Page, PageError, PageResult};

fn bad_request(p: &Page) -> PageError {
    p.fail(AppError::bad_request(
        "invalid_form",
        "The form's time or staff member cannot be read.",
    ))
}

fn read_start(p: &Page, f: &Form) -> Result<DateTime<Utc>, PageError> {
    f.get("start")
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| bad_request(p))
}

fn read_staff(p: &Page, f: &Form) -> Result<Option<Uuid>, PageError> {
    f.get("staff_id")
        .map(|s| Uuid::parse_str(s).map_err(|_| bad_request(p)))
        .transpose()
}

/// Books, and records the consent the visitor gave, in one transaction.
fn book_with_consent(
    conn: &mut diesel::PgConnection,
    site: &tenancy::Site,
    request: &BookingRequest,
    marketing: bool,
) -> Result<Booked, BookingError> {
    let booked = create::book(conn, site, request)?;
    if marketing {
        let changes = CustomerChanges {
            marketing_consent: Some(true),
            ..CustomerChanges::default()
        };
        customers::repo::update(conn, booked.booking.customer_id, &changes)
            .map_err(AppError::from)?;
    }
    Ok(booked)
}

pub async fn submit(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    client: ClientAddr,
    req: HttpRequest,
    body: web::Bytes,
) -> PageResult {
    let service_id = super::service_id(&p, &path)?;
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let start = read_start(&p, &f)?;
    let staff_id = read_staff(&p, &f)?;
    let typed = Typed::from_form(&f);
    let body = CreateBody {
        service_id,
        staff_id,
        start,
        customer: Some(CustomerBody {
            name: typed.name.clone(),
            email: typed.email.clone(),
            phone: f.get("phone").map(str::to_string),
        }),
        notes: f.get("notes").map(str::to_string),
    };
    let booker = Booker::new(tenant.id, client.0, &body, None);
    let result = match booker.admit(&p.state.redis, &p.state.settings).await {
        Ok(()) => {
            let site = RequestSite::of(&req).map_err(|e| p.fail(e.0))?.0;
            let request = BookingRequest {
                body,
                idempotency_key: None,
                user: None,
                max_pending: Some(p.state.settings.booking_max_pending_per_email),
            };
            let marketing = typed.marketing;
            tenant
                .run(&p.state, move |conn| {
                    book_with_consent(conn, &site, &request, marketing)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(booked) => {
            booker.record(&p.state.redis, &p.state.settings).await;
            Ok(p.see_other(&format!("/booking/{}/confirmed", booked.manage_token)))
        }
        Err(e) => refused(p, tenant, service_id, start, staff_id, typed, e).await,
    }
}

/// The page again, saying why the booking was not made.
async fn refused(
    p: Page,
    tenant: CurrentTenant,
    service_id: Uuid,
    start: DateTime<Utc>,
    staff_id: Option<Uuid>,
    typed: Typed,
    e: BookingError,
) -> PageResult {
    let (status, notice, errors) = match &e {
        BookingError::SlotUnavailable
        | BookingError::SlotNotOffered { .. }
        | BookingError::SlotNoLongerOffered => (
            StatusCode::CONFLICT,
            Some(Notice {
                text: p.t("book-slot-taken"),
                kind: "bad",
            }),
            FieldErrors::default(),
        ),
        BookingError::TooManyPending { .. } => (
            StatusCode::CONFLICT,
            Some(Notice {
                text: p.t("book-too-many"),
                kind: "bad",
            }),
            FieldErrors::default(),
        ),
        BookingError::RateLimited { .. } => (
            StatusCode::TOO_MANY_REQUESTS,
            Some(Notice {
                text: p.t("book-rate-limited"),
                kind: "bad",
            }),
            FieldErrors::default(),
        ),
        other => match FieldErrors::from_error(&p, other) {
            Some(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(Notice {
                    text: p.t("book-errors-intro"),
                    kind: "bad",
                }),
                errors,
            ),
            None => return Err(p.fail(e)),
        },
    };
    let choice = Choice {
        staff: staff_id,
        from: None,
        date: Some(start.with_timezone(&chrono_tz::UTC).date_naive()),
        start: Some(start),
    };
    let mut loaded = data::load(&p, &tenant, service_id, &choice).await?;
    // The strip starts at the booked day in the site's zone.
    let day = start.with_timezone(&loaded.tz).date_naive();
    if !loaded.days.contains(&day) {
        let choice = Choice {
            from: Some(day),
            date: Some(day),
            ..choice.clone()
        };
        loaded = data::load(&p, &tenant, service_id, &choice).await?;
    }
    let choice = Choice {
        date: Some(day),
        ..choice
    };
    let outcome = Outcome {
        notice,
        typed: Some(typed),
        errors,
    };
    let page = view::build(&p, &loaded, &choice, Some(outcome));
    p.render_status(status, &page)
}

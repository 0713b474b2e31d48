//! POST /bookings: a guest or a signed-in customer books an offered slot.

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::calendar::{self, Context, Query};
use crate::email_confirmation;
use crate::error::BookingError;
use crate::events::{self, Event};
use crate::idempotency::{self, IdempotencyKey};
use crate::limits;
use crate::model::{actor_label, held_range, Booked, BookingRow, BookingView, Status};
use crate::repo::{self, HistoryEntry, NewRow};
use customers::links::{self as customer_link, Person};
use identity::secrets;
use identity::tokens::{AuthUser, Role};
use kernel::error::AppError;
use kernel::values::{Email, PersonName, Phone};
use tenancy::Site;

/// Who a guest booking is for.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = BookingCustomer)]
pub struct CustomerBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    #[schema(format = Email)]
    pub email: String,
    /// E.164 with its country code, such as +44 20 7946 0958.
    #[serde(default)]
    #[schema(max_length = 32, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewBooking)]
pub struct CreateBody {
    pub service_id: Uuid,
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    /// A start the service's availability offers.
    #[schema(pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-")]
    pub start: DateTime<Utc>,
    /// Who the booking is for; a signed-in customer may leave it out.
    #[serde(default)]
    pub customer: Option<CustomerBody>,
    #[serde(default)]
    #[schema(max_length = 2000, pattern = r"^[^\u0000]*$")]
    pub notes: Option<String>,
}

/// A booking as a client asked for it. `book` checks it in the order its
/// answers have always come: a repeated key first, then the notes, the
/// slot, and who the customer is.
pub struct BookingRequest {
    pub body: CreateBody,
    pub idempotency_key: Option<IdempotencyKey>,
    pub user: Option<AuthUser>,
    /// The most upcoming bookings the customer may hold, this one included;
    /// None for staff booking on a client's behalf.
    pub max_pending: Option<u32>,
}

fn guest(body: &CustomerBody) -> Result<Person, BookingError> {
    Ok(Person {
        name: BookingError::field("customer.name", PersonName::parse(&body.name))?.into_string(),
        email: BookingError::field("customer.email", Email::parse(&body.email))?.into_string(),
        phone: BookingError::field(
            "customer.phone",
            Phone::parse_optional(body.phone.as_deref().unwrap_or_default()),
        )?
        .map(Phone::into_string),
    })
}

fn no_customer() -> BookingError {
    BookingError::invalid("customer", "give the customer's name and email")
}

/// The staff members who can take `start`: those the schedule offers it for,
/// and of them, those not already holding that time. SlotNotOffered when
/// the schedule does not offer it at all, SlotUnavailable when every one is
/// taken.
pub(crate) fn free_staff_at(
    ctx: &Context,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, BookingError> {
    let day = ctx.local_date(start);
    let at_start = |slots: Vec<crate::slots::Slot>| -> Vec<Uuid> {
        slots
            .into_iter()
            .filter(|s| s.start == start)
            .map(|s| s.staff_id)
            .collect()
    };
    if at_start(ctx.offered(day, day, now)).is_empty() {
        return Err(BookingError::SlotNotOffered { start });
    }
    let free = at_start(ctx.slots(day, day, now));
    if free.is_empty() {
        return Err(BookingError::SlotUnavailable);
    }
    Ok(free)
}

/// Tries each free staff member in turn: one taken in the meantime (the
/// exclusion constraint says so) passes to the next. A request awaiting its
/// email confirmation holds no time, so the first one takes it.
fn insert_booking(
    conn: &mut PgConnection,
    ctx: &Context,
    candidates: &[Uuid],
    customer_id: Uuid,
    start: DateTime<Utc>,
    notes: Option<&str>,
    status: Status,
) -> Result<(BookingRow, String), BookingError> {
    repo::lock_calendars(conn, candidates)?;
    let shape = ctx.shape();
    let held = shape.blocked(start);
    for staff_id in candidates {
        let token = secrets::generate();
        let row = NewRow {
            status,
            service_id: ctx.service.id,
            staff_id: *staff_id,
            customer_id,
            starts_at: start,
            ends_at: start + shape.duration,
            held: held_range(held.start, held.end),
            notes,
            manage_token_hash: &token.hash,
        };
        match repo::insert(conn, &row) {
            Ok(row) => return Ok((row, token.plain)),
            Err(e) if repo::is_overlap(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(BookingError::SlotUnavailable)
}

/// The customer record the booking is for: a signed-in customer's own
/// (their account opens it), else the guest's by email.
fn customer_id(
    conn: &mut PgConnection,
    body: Option<&CustomerBody>,
    user: Option<&AuthUser>,
) -> Result<Uuid, BookingError> {
    let signed_in_customer = user.filter(|u| u.role == Role::Customer);
    // The customers capability fails here only as the platform does
    // (database), so its errors pass through as they would answer.
    match (signed_in_customer, body) {
        (Some(user), _) => customer_link::of_account(conn, user.user_id)
            .map_err(AppError::from)?
            .map(|(id, _, _)| id)
            .ok_or_else(no_customer),
        (None, Some(body)) => {
            let person = guest(body)?;
            customer_link::find_or_create(conn, &person).map_err(|e| AppError::from(e).into())
        }
        (None, None) => Err(no_customer()),
    }
}

/// Books the slot, records it, and queues the confirmation, reminder and
/// webhooks, all in the caller's transaction. On a tenant that asks guests
/// to confirm from their email, a guest's booking is a request instead: it
/// holds no time and only the confirmation link is mailed
/// (`email_confirmation`).
pub fn book(
    conn: &mut PgConnection,
    site: &Site,
    req: &BookingRequest,
) -> Result<Booked, BookingError> {
    if let Some(key) = &req.idempotency_key {
        if let Some(booked) = idempotency::claim(conn, key)? {
            return Ok(booked);
        }
    }
    let b = &req.body;
    let notes = BookingError::field(
        "notes",
        kernel::input::optional_long_text(b.notes.as_deref(), 2000),
    )?;
    let query = Query::around(b.service_id, b.staff_id, b.start, None)?;
    let ctx = calendar::load(conn, &query)?;
    let candidates = free_staff_at(&ctx, b.start, Utc::now())?;
    let customer_id = customer_id(conn, b.customer.as_ref(), req.user.as_ref())?;
    if let Some(cap) = req.max_pending {
        limits::check_pending(conn, customer_id, cap)?;
    }
    let awaiting = email_confirmation::required(&ctx.settings, req.user.as_ref());
    let status = if awaiting {
        Status::AwaitingConfirmation
    } else {
        Status::Confirmed
    };
    let (row, manage_token) = insert_booking(
        conn,
        &ctx,
        &candidates,
        customer_id,
        b.start,
        notes.as_deref(),
        status,
    )?;
    let actor = actor_label(req.user.as_ref());
    repo::record(
        conn,
        HistoryEntry {
            booking_id: row.id,
            actor: &actor,
            from: None,
            to: row.status,
            reason: None,
            detail: json!({ "start": row.starts_at, "staff_id": row.staff_id }),
        },
    )?;
    if awaiting {
        email_confirmation::request(conn, site, &row, &ctx.settings, b.staff_id.is_none())?;
    } else {
        events::emit(
            conn,
            site,
            &row,
            Event::Created {
                manage_token: &manage_token,
            },
        )?;
    }
    let booked = Booked {
        booking: BookingView::from(&row),
        manage_token,
    };
    if let Some(key) = &req.idempotency_key {
        idempotency::store(conn, key, &booked)?;
    }
    Ok(booked)
}

//! POST /bookings: a guest or a signed-in customer books an offered slot.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::calendar::{self, Context, Query};
use super::events::{self, Event};
use super::idempotency::{self, Claim};
use super::model::{self, actor_label, held_range, BookingRow, BookingView, HistoryEntry, Status};
use customers::links::{self as customer_link, Person};
use customers::model::{parse_name, parse_phone};
use identity::secrets;
use identity::tokens::{AuthUser, Role};
use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::bookings;
use kernel::values::Email;
use tenancy::Site;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerBody {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    pub service_id: Uuid,
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    pub start: DateTime<Utc>,
    #[serde(default)]
    pub customer: Option<CustomerBody>,
    #[serde(default)]
    pub notes: Option<String>,
}

pub fn slot_unavailable() -> AppError {
    AppError::conflict(
        "slot_unavailable",
        "Someone else has just booked this time; choose another slot.",
    )
}

pub fn slot_not_offered(start: DateTime<Utc>) -> AppError {
    let mut e = AppError::invalid(
        "start",
        format!(
            "{} is not a bookable time for this service; ask the availability endpoint for free slots",
            super::availability::rfc3339(start)
        ),
    );
    e.code = "slot_not_offered";
    e
}

pub fn person(body: &CustomerBody) -> AppResult<Person> {
    Ok(Person {
        name: parse_name(&body.name).map_err(|m| AppError::invalid("customer.name", m))?,
        email: Email::parse(&body.email)
            .map(Email::into_string)
            .map_err(|m| AppError::invalid("customer.email", m))?,
        phone: parse_phone(body.phone.as_deref().unwrap_or_default())
            .map_err(|m| AppError::invalid("customer.phone", m))?,
    })
}

/// The staff members who can take `start`: those the schedule offers it for,
/// and of them, those not already holding that time. 422 when the schedule
/// does not offer it at all, 409 when it does but every one is taken.
pub fn free_staff_at(
    ctx: &Context,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Vec<Uuid>> {
    let day = ctx.local_date(start);
    let offered: Vec<Uuid> = ctx
        .offered(day, day, now)
        .into_iter()
        .filter(|s| s.start == start)
        .map(|s| s.staff_id)
        .collect();
    if offered.is_empty() {
        return Err(slot_not_offered(start));
    }
    let free: Vec<Uuid> = ctx
        .slots(day, day, now)
        .into_iter()
        .filter(|s| s.start == start)
        .map(|s| s.staff_id)
        .collect();
    if free.is_empty() {
        return Err(slot_unavailable());
    }
    Ok(free)
}

pub fn is_overlap(e: &DieselError) -> bool {
    matches!(
        e,
        DieselError::DatabaseError(DatabaseErrorKind::ExclusionViolation, _)
    )
}

pub struct Created {
    pub row: BookingRow,
    pub manage_token: String,
}

pub fn insert_booking(
    conn: &mut PgConnection,
    ctx: &Context,
    candidates: &[Uuid],
    customer_id: Uuid,
    start: DateTime<Utc>,
    notes: Option<&str>,
) -> AppResult<Created> {
    let shape = ctx.shape();
    let end = start + shape.duration;
    let held = shape.blocked(start);
    for staff_id in candidates {
        let token = secrets::generate();
        // A savepoint per try: a conflict must not abort the whole transaction.
        let attempt = conn.transaction::<BookingRow, DieselError, _>(|conn| {
            diesel::insert_into(bookings::table)
                .values((
                    bookings::id.eq(Uuid::new_v4()),
                    bookings::service_id.eq(ctx.service.id),
                    bookings::staff_id.eq(staff_id),
                    bookings::customer_id.eq(customer_id),
                    bookings::starts_at.eq(start),
                    bookings::ends_at.eq(end),
                    bookings::blocked.eq(held_range(held.start, held.end)),
                    bookings::status.eq(Status::Confirmed.as_str()),
                    bookings::notes.eq(notes),
                    bookings::manage_token_hash.eq(&token.hash),
                ))
                .returning(BookingRow::as_returning())
                .get_result(conn)
        });
        match attempt {
            Ok(row) => {
                return Ok(Created {
                    row,
                    manage_token: token.plain,
                })
            }
            Err(e) if is_overlap(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(slot_unavailable())
}

pub struct Request {
    pub body: CreateBody,
    pub raw: Value,
    pub key: Option<String>,
    pub user: Option<AuthUser>,
}

pub fn create_in_tx(conn: &mut PgConnection, site: &Site, req: Request) -> AppResult<(u16, Value)> {
    let fingerprint = idempotency::fingerprint(&req.raw);
    if let Some(key) = &req.key {
        if let Claim::Replay { status, body } = idempotency::claim(conn, key, &fingerprint)? {
            return Ok((status, body));
        }
    }
    let b = &req.body;
    let notes = kernel::input::optional_long_text(b.notes.as_deref(), 2000)
        .map_err(|m| AppError::invalid("notes", m))?;
    let now = Utc::now();
    let day = b.start.date_naive();
    let ctx = calendar::load(
        conn,
        &Query {
            service_id: b.service_id,
            staff_id: b.staff_id,
            from: day - Duration::days(1),
            to: day + Duration::days(1),
            ignore_booking: None,
        },
    )?;
    let candidates = free_staff_at(&ctx, b.start, now)?;

    let signed_in_customer = req.user.as_ref().filter(|u| u.role == Role::Customer);
    let customer_id = match (&b.customer, signed_in_customer) {
        (Some(body), user) => {
            customer_link::find_or_create(conn, &person(body)?, user.map(|u| u.user_id))?
        }
        (None, Some(user)) => customer_link::of_user(conn, user.user_id)?
            .map(|(id, _, _)| id)
            .ok_or_else(|| AppError::invalid("customer", "give the customer's name and email"))?,
        (None, None) => {
            return Err(AppError::invalid(
                "customer",
                "give the customer's name and email",
            ));
        }
    };

    let created = insert_booking(
        conn,
        &ctx,
        &candidates,
        customer_id,
        b.start,
        notes.as_deref(),
    )?;
    let actor = actor_label(req.user.as_ref());
    model::record(
        conn,
        HistoryEntry {
            booking_id: created.row.id,
            actor: &actor,
            from: None,
            to: created.row.status(),
            reason: None,
            detail: json!({ "start": created.row.starts_at, "staff_id": created.row.staff_id }),
        },
    )?;
    events::emit(
        conn,
        site,
        &created.row,
        Event::Created {
            manage_token: &created.manage_token,
        },
    )?;

    let mut body =
        serde_json::to_value(BookingView::from(&created.row)).map_err(AppError::internal)?;
    body["manage_token"] = Value::String(created.manage_token);
    let status = kernel::error::StatusCode::CREATED.as_u16();
    if let Some(key) = &req.key {
        idempotency::store(conn, key, status, &body)?;
    }
    Ok((status, body))
}

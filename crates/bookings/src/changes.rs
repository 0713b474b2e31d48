//! Changes to an existing booking, shared by staff endpoints and the
//! customer's manage link: status transitions and rescheduling.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::calendar::{self, Query};
use super::create::{free_staff_at, is_overlap, slot_unavailable};
use super::events::{self, Event};
use super::model::{self, held_range, BookingRow, HistoryEntry, Status};
use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::bookings;
use tenancy::Site;

pub struct Actor<'a> {
    pub label: &'a str,
    pub site: &'a Site,
}

pub fn transition(
    conn: &mut PgConnection,
    actor: &Actor<'_>,
    booking: &BookingRow,
    to: Status,
    reason: Option<&str>,
) -> AppResult<BookingRow> {
    let from = booking.status();
    if from == to {
        return Ok(booking.clone());
    }
    if !from.can_become(to) {
        return Err(AppError::conflict(
            "invalid_transition",
            format!("A {} booking cannot become {}.", from.as_str(), to.as_str()),
        ));
    }
    // Cancelling tells calendars to drop the event, which needs a new SEQUENCE.
    let bump = i32::from(to == Status::Cancelled);
    let row: BookingRow = diesel::update(bookings::table.find(booking.id))
        .set((
            bookings::status.eq(to.as_str()),
            bookings::sequence.eq(bookings::sequence + bump),
            bookings::updated_at.eq(diesel::dsl::now),
        ))
        .returning(model::BookingRow::as_returning())
        .get_result(conn)?;
    model::record(
        conn,
        HistoryEntry {
            booking_id: row.id,
            actor: actor.label,
            from: Some(from),
            to,
            reason,
            detail: json!({}),
        },
    )?;
    if to == Status::Cancelled {
        events::emit(conn, actor.site, &row, Event::Cancelled)?;
    }
    Ok(row)
}

/// Moves a booking to another offered, free start with the same staff
/// member. The id, the manage link and the customer stay; SEQUENCE rises.
pub fn reschedule(
    conn: &mut PgConnection,
    actor: &Actor<'_>,
    booking: &BookingRow,
    new_start: DateTime<Utc>,
) -> AppResult<BookingRow> {
    if !booking.status().holds_time() {
        return Err(AppError::conflict(
            "booking_not_active",
            format!(
                "A {} booking cannot be rescheduled; make a new booking.",
                booking.status().as_str()
            ),
        ));
    }
    let day = new_start.date_naive();
    let ctx = calendar::load(
        conn,
        &Query {
            service_id: booking.service_id,
            staff_id: Some(booking.staff_id),
            from: day - Duration::days(1),
            to: day + Duration::days(1),
            ignore_booking: Some(booking.id),
        },
    )?;
    free_staff_at(&ctx, new_start, Utc::now())?;
    let shape = ctx.shape();
    let held = shape.blocked(new_start);
    let updated = conn.transaction::<BookingRow, diesel::result::Error, _>(|conn| {
        diesel::update(bookings::table.find(booking.id))
            .set((
                bookings::starts_at.eq(new_start),
                bookings::ends_at.eq(new_start + shape.duration),
                bookings::blocked.eq(held_range(held.start, held.end)),
                bookings::sequence.eq(bookings::sequence + 1),
                bookings::updated_at.eq(diesel::dsl::now),
            ))
            .returning(BookingRow::as_returning())
            .get_result(conn)
    });
    let row = match updated {
        Ok(row) => row,
        Err(e) if is_overlap(&e) => return Err(slot_unavailable()),
        Err(e) => return Err(e.into()),
    };
    model::record(
        conn,
        HistoryEntry {
            booking_id: row.id,
            actor: actor.label,
            from: Some(booking.status()),
            to: row.status(),
            reason: Some("rescheduled"),
            detail: json!({ "from_start": booking.starts_at, "to_start": row.starts_at }),
        },
    )?;
    events::emit(conn, actor.site, &row, Event::Rescheduled)?;
    Ok(row)
}

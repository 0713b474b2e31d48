//! Changes to an existing booking, shared by the staff endpoints and the
//! customer's manage link: status transitions and rescheduling. The caller
//! has locked the booking's row.

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use serde_json::json;

use crate::calendar::{self, Query};
use crate::create::free_staff_at;
use crate::error::{BookingError, Change};
use crate::events::{self, Event};
use crate::model::{held_range, BookingRow, Status};
use crate::repo::{self, HistoryEntry};
use tenancy::Site;

/// Who changes a booking, and the site its mails link to.
pub(crate) struct Actor<'a> {
    pub label: &'a str,
    pub site: &'a Site,
    /// The customer's manage link rather than staff: messages differ.
    pub via_link: bool,
}

/// Moving to the status it has already is no change (and no mail).
pub(crate) fn transition(
    conn: &mut PgConnection,
    actor: &Actor<'_>,
    booking: &BookingRow,
    to: Status,
    reason: Option<&str>,
) -> Result<BookingRow, BookingError> {
    let from = booking.status;
    if from == to {
        return Ok(booking.clone());
    }
    if !from.can_become(to) {
        return Err(BookingError::InvalidTransition { from, to });
    }
    let row = repo::set_status(conn, booking.id, to)?;
    repo::record(
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
pub(crate) fn reschedule(
    conn: &mut PgConnection,
    actor: &Actor<'_>,
    booking: &BookingRow,
    new_start: DateTime<Utc>,
) -> Result<BookingRow, BookingError> {
    if !booking.status.holds_time() {
        return Err(BookingError::BookingNotActive {
            status: booking.status,
            change: Change::Reschedule,
            via_link: actor.via_link,
        });
    }
    let query = Query::around(
        booking.service_id,
        Some(booking.staff_id),
        new_start,
        Some(booking.id),
    )?;
    let ctx = calendar::load(conn, &query)?;
    free_staff_at(&ctx, new_start, Utc::now())?;
    repo::lock_calendars(conn, &[booking.staff_id])?;
    let shape = ctx.shape();
    let held = shape.blocked(new_start);
    let row = match repo::move_to(
        conn,
        booking.id,
        new_start,
        new_start + shape.duration,
        held_range(held.start, held.end),
    ) {
        Ok(row) => row,
        Err(e) if repo::is_overlap(&e) => return Err(BookingError::SlotUnavailable),
        Err(e) => return Err(e.into()),
    };
    repo::record(
        conn,
        HistoryEntry {
            booking_id: row.id,
            actor: actor.label,
            from: Some(booking.status),
            to: row.status,
            reason: Some("rescheduled"),
            detail: json!({ "from_start": booking.starts_at, "to_start": row.starts_at }),
        },
    )?;
    events::emit(conn, actor.site, &row, Event::Rescheduled)?;
    Ok(row)
}

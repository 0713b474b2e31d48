//! A booking, its statuses and the transitions allowed between them.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::{booking_history, bookings};

kernel::text_enum! {
    /// Where a booking is in its life (bookings.status).
    pub enum Status {
        Pending => "pending",
        Confirmed => "confirmed",
        Cancelled => "cancelled",
        Completed => "completed",
        NoShow => "no_show",
    }
}

impl Status {
    /// pending -> confirmed | cancelled; confirmed -> cancelled | completed |
    /// no_show; the others are final.
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Status::Pending, Status::Confirmed | Status::Cancelled)
                | (
                    Status::Confirmed,
                    Status::Cancelled | Status::Completed | Status::NoShow
                )
        )
    }

    /// Still holds its time on the staff member's calendar.
    pub fn holds_time(self) -> bool {
        matches!(self, Status::Pending | Status::Confirmed)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = bookings, check_for_backend(diesel::pg::Pg))]
pub struct BookingRow {
    pub id: Uuid,
    pub service_id: Uuid,
    pub staff_id: Uuid,
    pub customer_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: Status,
    pub notes: Option<String>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl BookingRow {
    pub fn status(&self) -> Status {
        self.status
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BookingView {
    pub id: Uuid,
    pub service_id: Uuid,
    pub staff_id: Uuid,
    pub customer_id: Uuid,
    pub start: String,
    pub end: String,
    pub status: Status,
    pub notes: Option<String>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&BookingRow> for BookingView {
    fn from(b: &BookingRow) -> Self {
        BookingView {
            id: b.id,
            service_id: b.service_id,
            staff_id: b.staff_id,
            customer_id: b.customer_id,
            start: super::availability::rfc3339(b.starts_at),
            end: super::availability::rfc3339(b.ends_at),
            status: b.status(),
            notes: b.notes.clone(),
            sequence: b.sequence,
            created_at: b.created_at,
            updated_at: b.updated_at,
        }
    }
}

pub type TimeRange = (Bound<DateTime<Utc>>, Bound<DateTime<Utc>>);

pub fn held_range(start: DateTime<Utc>, end: DateTime<Utc>) -> TimeRange {
    (Bound::Included(start), Bound::Excluded(end))
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> AppResult<BookingRow> {
    bookings::table
        .find(id)
        .select(BookingRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found("booking_not_found", "There is no such booking."))
}

/// Locks the row for a change, so concurrent changes apply one after another.
pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> AppResult<BookingRow> {
    bookings::table
        .find(id)
        .select(BookingRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found("booking_not_found", "There is no such booking."))
}

pub struct HistoryEntry<'a> {
    pub booking_id: Uuid,
    pub actor: &'a str,
    pub from: Option<Status>,
    pub to: Status,
    pub reason: Option<&'a str>,
    pub detail: serde_json::Value,
}

pub fn record(conn: &mut PgConnection, e: HistoryEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(booking_history::table)
        .values((
            booking_history::booking_id.eq(e.booking_id),
            booking_history::actor.eq(e.actor),
            booking_history::from_status.eq(e.from),
            booking_history::to_status.eq(e.to),
            booking_history::reason.eq(e.reason),
            booking_history::detail.eq(e.detail),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Who made a change, as the history shows it.
pub fn actor_label(user: Option<&identity::tokens::AuthUser>) -> String {
    user.map_or_else(|| "guest".into(), identity::AuthUser::label)
}

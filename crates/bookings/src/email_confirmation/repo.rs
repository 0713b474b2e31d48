//! Confirmation links (booking_confirmations) and turning a request into a
//! booking. Unqualified names: these run in the tenant's transaction.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::model::{BookingRow, Status, TimeRange};
use kernel::schema::tenant::{booking_confirmations, bookings};

/// How long an expired request is kept, so that a late click is told its
/// link expired rather than that it never existed.
const KEEP_EXPIRED: Duration = Duration::days(1);
/// Requests deleted at most per new request: the work stays small.
const DELETE_BATCH: i64 = 100;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = booking_confirmations, check_for_backend(diesel::pg::Pg))]
pub(super) struct Link {
    pub booking_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub any_staff: bool,
}

pub(super) fn insert(
    conn: &mut PgConnection,
    booking_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
    any_staff: bool,
) -> QueryResult<()> {
    diesel::insert_into(booking_confirmations::table)
        .values((
            booking_confirmations::booking_id.eq(booking_id),
            booking_confirmations::token_hash.eq(token_hash),
            booking_confirmations::expires_at.eq(expires_at),
            booking_confirmations::any_staff.eq(any_staff),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The link a token opens, locked: two clicks at once confirm one after
/// the other, and the second finds it used.
pub(super) fn find_by_token_hash(
    conn: &mut PgConnection,
    hash: Vec<u8>,
) -> QueryResult<Option<Link>> {
    booking_confirmations::table
        .filter(booking_confirmations::token_hash.eq(hash))
        .select(Link::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// A used link goes: it confirms nothing twice.
pub(super) fn delete(conn: &mut PgConnection, booking_id: Uuid) -> QueryResult<()> {
    diesel::delete(booking_confirmations::table.find(booking_id))
        .execute(conn)
        .map(|_| ())
}

/// The request, confirmed, holding its time with `staff_id`. In a
/// savepoint: an overlap (another booking took the time) must not abort the
/// transaction, so the caller can try another staff member.
pub(super) fn take(
    conn: &mut PgConnection,
    id: Uuid,
    staff_id: Uuid,
    ends_at: DateTime<Utc>,
    held: TimeRange,
) -> QueryResult<BookingRow> {
    conn.transaction(|conn| {
        diesel::update(bookings::table.find(id))
            .set((
                bookings::status.eq(Status::Confirmed),
                bookings::staff_id.eq(staff_id),
                bookings::ends_at.eq(ends_at),
                bookings::blocked.eq(held),
                bookings::updated_at.eq(diesel::dsl::now),
            ))
            .returning(BookingRow::as_returning())
            .get_result(conn)
    })
}

/// Deletes requests whose link expired more than a day ago (their history
/// and link go with them): they never held any time.
pub(super) fn delete_long_expired(conn: &mut PgConnection) -> QueryResult<usize> {
    let stale: Vec<Uuid> = booking_confirmations::table
        .filter(booking_confirmations::expires_at.lt(Utc::now() - KEEP_EXPIRED))
        .select(booking_confirmations::booking_id)
        .limit(DELETE_BATCH)
        .load(conn)?;
    if stale.is_empty() {
        return Ok(0);
    }
    diesel::delete(
        bookings::table
            .filter(bookings::id.eq_any(stale))
            .filter(bookings::status.eq(Status::AwaitingConfirmation)),
    )
    .execute(conn)
}

//! Booking and history queries. Table names are unqualified: they run
//! inside a tenant transaction whose search_path picks the tenant's schema.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use uuid::Uuid;

use crate::model::{BookingRow, HistoryView, Status, TimeRange};
use kernel::schema::tenant::{booking_history, bookings, customers, services, staff};

/// The exclusion constraint refused the time: another booking holds it.
pub(crate) fn is_overlap(e: &DbError) -> bool {
    matches!(
        e,
        DbError::DatabaseError(DatabaseErrorKind::ExclusionViolation, _)
    )
}

/// Holds the calendars of these staff members until the transaction ends.
/// Two confirmations that move requests into overlapping times would each
/// wait, in the exclusion constraint's check, for the other's uncommitted
/// row: a deadlock PostgreSQL breaks by failing one of them. Taken first,
/// in id order, this lock makes the second wait for the first to commit and
/// then meet a plain overlap. (Staff ids are uuids: the keys of two tenants
/// never meet.)
pub(crate) fn lock_calendars(conn: &mut PgConnection, staff_ids: &[Uuid]) -> QueryResult<()> {
    if staff_ids.is_empty() {
        return Ok(());
    }
    // One round trip; the inner ORDER BY takes the locks in key order.
    diesel::sql_query(
        "SELECT count(pg_advisory_xact_lock(k)) AS n FROM (
             SELECT DISTINCT hashtextextended('booking-staff:' || id::text, 0) AS k
             FROM unnest($1::uuid[]) AS id ORDER BY 1
         ) keys",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(staff_ids)
    .execute(conn)?;
    Ok(())
}

pub(crate) fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<BookingRow>> {
    bookings::table
        .find(id)
        .select(BookingRow::as_select())
        .first(conn)
        .optional()
}

/// Locks the row for a change, so concurrent changes apply one after another.
pub(crate) fn find_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<BookingRow>> {
    bookings::table
        .find(id)
        .select(BookingRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The booking a manage token opens (by its hash), locked when `lock`.
pub(crate) fn find_by_token_hash(
    conn: &mut PgConnection,
    hash: Vec<u8>,
    lock: bool,
) -> QueryResult<Option<BookingRow>> {
    let query = bookings::table
        .filter(bookings::manage_token_hash.eq(hash))
        .select(BookingRow::as_select());
    if lock {
        query.for_update().first(conn).optional()
    } else {
        query.first(conn).optional()
    }
}

pub(crate) struct NewRow<'a> {
    /// Confirmed, or a request awaiting its email confirmation.
    pub status: Status,
    pub service_id: Uuid,
    pub staff_id: Uuid,
    pub customer_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub held: TimeRange,
    pub notes: Option<&'a str>,
    pub manage_token_hash: &'a [u8],
}

/// In a savepoint: an overlap (see `is_overlap`) must not abort the whole
/// transaction, so the caller can try another staff member.
pub(crate) fn insert(conn: &mut PgConnection, row: &NewRow<'_>) -> QueryResult<BookingRow> {
    conn.transaction(|conn| {
        diesel::insert_into(bookings::table)
            .values((
                bookings::id.eq(Uuid::new_v4()),
                bookings::service_id.eq(row.service_id),
                bookings::staff_id.eq(row.staff_id),
                bookings::customer_id.eq(row.customer_id),
                bookings::starts_at.eq(row.starts_at),
                bookings::ends_at.eq(row.ends_at),
                bookings::blocked.eq(row.held),
                bookings::status.eq(row.status),
                bookings::notes.eq(row.notes),
                bookings::manage_token_hash.eq(row.manage_token_hash),
            ))
            .returning(BookingRow::as_returning())
            .get_result(conn)
    })
}

/// Cancelling bumps SEQUENCE: calendars drop the event only for a newer one.
pub(crate) fn set_status(conn: &mut PgConnection, id: Uuid, to: Status) -> QueryResult<BookingRow> {
    let bump = i32::from(to == Status::Cancelled);
    diesel::update(bookings::table.find(id))
        .set((
            bookings::status.eq(to),
            bookings::sequence.eq(bookings::sequence + bump),
            bookings::updated_at.eq(diesel::dsl::now),
        ))
        .returning(BookingRow::as_returning())
        .get_result(conn)
}

/// In a savepoint, for the same reason as `insert`.
pub(crate) fn move_to(
    conn: &mut PgConnection,
    id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    held: TimeRange,
) -> QueryResult<BookingRow> {
    conn.transaction(|conn| {
        diesel::update(bookings::table.find(id))
            .set((
                bookings::starts_at.eq(starts_at),
                bookings::ends_at.eq(ends_at),
                bookings::blocked.eq(held),
                bookings::sequence.eq(bookings::sequence + 1),
                bookings::updated_at.eq(diesel::dsl::now),
            ))
            .returning(BookingRow::as_returning())
            .get_result(conn)
    })
}

pub(crate) struct HistoryEntry<'a> {
    pub booking_id: Uuid,
    pub actor: &'a str,
    pub from: Option<Status>,
    pub to: Status,
    pub reason: Option<&'a str>,
    pub detail: serde_json::Value,
}

pub(crate) fn record(conn: &mut PgConnection, e: HistoryEntry<'_>) -> QueryResult<()> {
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

/// Oldest first.
pub(crate) fn history(conn: &mut PgConnection, booking_id: Uuid) -> QueryResult<Vec<HistoryView>> {
    booking_history::table
        .filter(booking_history::booking_id.eq(booking_id))
        .order(booking_history::id)
        .select((
            booking_history::actor,
            booking_history::from_status,
            booking_history::to_status,
            booking_history::reason,
            booking_history::detail,
            booking_history::created_at,
        ))
        .load(conn)
}

/// Bookings overlapping [from, to), by start then staff; at most `limit`.
pub(crate) fn overlapping(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    staff_id: Option<Uuid>,
    status: Option<Status>,
    limit: i64,
) -> QueryResult<Vec<BookingRow>> {
    let mut query = bookings::table
        .filter(bookings::starts_at.lt(to))
        .filter(bookings::ends_at.gt(from))
        .order((bookings::starts_at, bookings::staff_id))
        .select(BookingRow::as_select())
        .into_boxed();
    if let Some(staff) = staff_id {
        query = query.filter(bookings::staff_id.eq(staff));
    }
    if let Some(status) = status {
        query = query.filter(bookings::status.eq(status));
    }
    query.limit(limit).load(conn)
}

/// The service's and the staff member's names.
pub(crate) fn names(conn: &mut PgConnection, b: &BookingRow) -> QueryResult<(String, String)> {
    let service: String = services::table
        .find(b.service_id)
        .select(services::name)
        .first(conn)?;
    let staff_name: String = staff::table
        .find(b.staff_id)
        .select(staff::name)
        .first(conn)?;
    Ok((service, staff_name))
}

/// The people and names a message about a booking needs.
pub(crate) struct Parties {
    pub customer_name: String,
    pub customer_email: Option<String>,
    pub customer_phone: Option<String>,
    pub service: String,
    pub staff_name: String,
    pub staff_email: Option<String>,
}

pub(crate) fn parties(conn: &mut PgConnection, b: &BookingRow) -> QueryResult<Parties> {
    let (customer_name, customer_email, customer_phone) = customers::table
        .find(b.customer_id)
        .select((customers::name, customers::email, customers::phone))
        .first(conn)?;
    let service: String = services::table
        .find(b.service_id)
        .select(services::name)
        .first(conn)?;
    let (staff_name, staff_email) = staff::table
        .find(b.staff_id)
        .select((staff::name, staff::email))
        .first(conn)?;
    Ok(Parties {
        customer_name,
        customer_email,
        customer_phone,
        service,
        staff_name,
        staff_email,
    })
}

/// Gives the booking a new manage token (by its hash); the old one stops
/// working. Used when an idempotent replay must hand out a working link
/// without the plain token ever having been stored.
pub(crate) fn set_manage_token_hash(
    conn: &mut PgConnection,
    id: Uuid,
    hash: &[u8],
) -> QueryResult<()> {
    diesel::update(bookings::table.find(id))
        .set(bookings::manage_token_hash.eq(hash))
        .execute(conn)
        .map(|_| ())
}

/// A customer's bookings, latest start first; at most `limit`.
pub(crate) fn of_customer(
    conn: &mut PgConnection,
    customer_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<BookingRow>> {
    bookings::table
        .filter(bookings::customer_id.eq(customer_id))
        .order(bookings::starts_at.desc())
        .select(BookingRow::as_select())
        .limit(limit)
        .load(conn)
}

//! What bookings hold about one customer: their section of the customer's
//! data export, and what erasure removes (the free-text notes they wrote).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::model::Status;
use crate::reminders;
use customers::{Actor, Section};
use kernel::schema::tenant::{bookings, services, staff};

#[derive(Debug, Serialize, Queryable)]
struct ExportedBooking {
    pub id: Uuid,
    pub service: String,
    pub staff: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: Status,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Bookings' section of the customer data (export and erasure).
pub const SECTION: Section = Section {
    name: "bookings",
    export: export_section,
    erase: erase_for_customer,
};

fn export_section(
    conn: &mut PgConnection,
    _who: &Actor,
    customer_id: Uuid,
) -> QueryResult<serde_json::Value> {
    let rows = for_customer(conn, customer_id)?;
    serde_json::to_value(rows).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

fn for_customer(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<Vec<ExportedBooking>> {
    bookings::table
        .inner_join(services::table)
        .inner_join(staff::table)
        .filter(bookings::customer_id.eq(customer_id))
        .order(bookings::starts_at)
        .select((
            bookings::id,
            services::name,
            staff::name,
            bookings::starts_at,
            bookings::ends_at,
            bookings::status,
            bookings::notes,
            bookings::created_at,
        ))
        .load(conn)
}

/// Booking rows stay (the business's records); the customer's own words go,
/// and so do the reminders still queued for them (they carry the address
/// and phone the customer record just lost).
fn erase_for_customer(conn: &mut PgConnection, _who: &Actor, customer_id: Uuid) -> QueryResult<()> {
    let ids: Vec<Uuid> =
        diesel::update(bookings::table.filter(bookings::customer_id.eq(customer_id)))
            .set(bookings::notes.eq(None::<String>))
            .returning(bookings::id)
            .get_results(conn)?;
    reminders::forget_unsent(conn, &ids).map(|_| ())
}

//! The day's appointments at the desk: the bookings that name a patient
//! and start within a span (the caller's local day), in time order, with
//! the patient, service and staff member each shows. Only bookings with a
//! patient: a shop's or a plain site's bookings are not the clinic's.
//!
//! The bookings crate's diesel table does not list `patient_id` (the
//! clinic's migration added it), so this one read is written in SQL.

use bookings::Status;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

/// Most appointments one day shows (a day's desk, never a report).
pub const MAX_ROWS: i64 = 500;

#[derive(Debug, Clone)]
pub struct Appointment {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: Status,
    pub patient_id: Uuid,
    pub patient_code: String,
    pub patient_name: String,
    pub service: String,
    pub staff: String,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Timestamptz)]
    starts_at: DateTime<Utc>,
    #[diesel(sql_type = Timestamptz)]
    ends_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = SqlUuid)]
    patient_id: Uuid,
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    patient: String,
    #[diesel(sql_type = Text)]
    service: String,
    #[diesel(sql_type = Text)]
    staff: String,
}

/// The patients' appointments starting in `[from, to)`, earliest first.
/// A row whose status this build does not know is left out rather than
/// shown with buttons that would not apply.
pub fn between(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> QueryResult<Vec<Appointment>> {
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT b.id, b.starts_at, b.ends_at, b.status, p.id AS patient_id, \
                p.code, p.name AS patient, s.name AS service, st.name AS staff \
         FROM bookings b \
         JOIN patients p ON p.id = b.patient_id \
         JOIN services s ON s.id = b.service_id \
         JOIN staff st ON st.id = b.staff_id \
         WHERE b.starts_at >= $1 AND b.starts_at < $2 \
         ORDER BY b.starts_at, st.name, b.id \
         LIMIT $3",
    )
    .bind::<Timestamptz, _>(from)
    .bind::<Timestamptz, _>(to)
    .bind::<diesel::sql_types::BigInt, _>(MAX_ROWS)
    .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Appointment {
                status: Status::parse(&r.status)?,
                id: r.id,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                patient_id: r.patient_id,
                patient_code: r.code,
                patient_name: r.patient,
                service: r.service,
                staff: r.staff,
            })
        })
        .collect())
}

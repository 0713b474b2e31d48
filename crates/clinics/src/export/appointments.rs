//! The patient's appointments: bookings tied to the patient, oldest first,
//! with the service and the staff member by name.
//!
//! Read with SQL of its own: the bookings crate's table definition does
//! not carry `patient_id` (added by the clinic's migration), and bookings
//! knows nothing of patients.

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamptz, Uuid as SqlUuid};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::Section;

pub const SECTION: Section = Section {
    name: "appointments",
    export: export_section,
};

#[derive(Debug, Serialize, QueryableByName)]
struct Appointment {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    service: String,
    #[diesel(sql_type = Text)]
    staff: String,
    #[diesel(sql_type = Timestamptz)]
    starts_at: DateTime<Utc>,
    #[diesel(sql_type = Timestamptz)]
    ends_at: DateTime<Utc>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Text>)]
    notes: Option<String>,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
}

fn export_section(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<Value> {
    let rows: Vec<Appointment> = diesel::sql_query(
        "SELECT b.id, s.name AS service, st.name AS staff, b.starts_at, b.ends_at,
                b.status, b.notes, b.created_at
         FROM bookings b
         JOIN services s ON s.id = b.service_id
         JOIN staff st ON st.id = b.staff_id
         WHERE b.patient_id = $1
         ORDER BY b.starts_at, b.id",
    )
    .bind::<SqlUuid, _>(patient_id)
    .load(conn)?;
    serde_json::to_value(rows).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

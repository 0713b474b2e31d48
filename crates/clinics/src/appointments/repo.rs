//! The SQL of a patient's appointments. Bookings are read and tied to the
//! patient with SQL of their own: the bookings crate's table definition
//! does not carry `patient_id` (the clinic's migration added it), and
//! bookings knows nothing of patients.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use diesel::sql_types::{BigInt, Uuid as SqlUuid};
use uuid::Uuid;

use super::error::AppointmentError;
use super::model::{
    Appointment, AppointmentsPage, Attendance, ListQuery, DEFAULT_LIMIT, MAX_LIMIT,
};
use crate::schema::patients;

/// The name of the exclusion constraint that keeps one patient from
/// holding two overlapping appointments (migration 000500).
const PATIENT_OVERLAP: &str = "bookings_patient_no_overlap";

/// What a booking for the patient needs to know of them.
#[derive(Queryable)]
pub(super) struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customer_id: Option<Uuid>,
    pub archived: bool,
}

/// The patient, locked until the transaction ends: two bookings for a
/// patient without a customer record make one record, not two links.
pub(super) fn lock_contact(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Contact>> {
    patients::table
        .find(id)
        .select((
            patients::name,
            patients::email,
            patients::phone,
            patients::customer_id,
            patients::archived_at.is_not_null(),
        ))
        .for_update()
        .first(conn)
        .optional()
}

/// Ties the patient to the customer record their booking was made for,
/// unless another patient already is that customer (two patients sharing
/// an email, a parent and a child): one customer is one patient at most,
/// and the appointment stays the patient's through `bookings.patient_id`.
pub(super) fn link_customer(
    conn: &mut PgConnection,
    patient_id: Uuid,
    customer_id: Uuid,
) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE patients SET customer_id = $2, version = version + 1, updated_at = now()
         WHERE id = $1 AND customer_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM patients other WHERE other.customer_id = $2)",
    )
    .bind::<SqlUuid, _>(patient_id)
    .bind::<SqlUuid, _>(customer_id)
    .execute(conn)?;
    Ok(())
}

/// Makes the booking the patient's appointment. The patient's overlap
/// constraint answers here: a time the patient already holds is refused.
pub(super) fn tie(
    conn: &mut PgConnection,
    booking_id: Uuid,
    patient_id: Uuid,
) -> Result<(), AppointmentError> {
    let done = diesel::sql_query("UPDATE bookings SET patient_id = $2 WHERE id = $1")
        .bind::<SqlUuid, _>(booking_id)
        .bind::<SqlUuid, _>(patient_id)
        .execute(conn);
    match done {
        Ok(_) => Ok(()),
        Err(DbError::DatabaseError(DatabaseErrorKind::ExclusionViolation, info))
            if info.constraint_name() == Some(PATIENT_OVERLAP) =>
        {
            Err(AppointmentError::PatientBusy)
        }
        Err(e) => Err(e.into()),
    }
}

const SELECT: &str = "SELECT b.id, b.service_id, s.name AS service, b.staff_id,
        st.name AS staff, b.starts_at AS start, b.ends_at AS end, b.status,
        b.notes, b.created_at
    FROM bookings b
    JOIN services s ON s.id = b.service_id
    JOIN staff st ON st.id = b.staff_id";

pub(super) fn one(conn: &mut PgConnection, booking_id: Uuid) -> QueryResult<Appointment> {
    diesel::sql_query(format!("{SELECT} WHERE b.id = $1"))
        .bind::<SqlUuid, _>(booking_id)
        .get_result(conn)
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = BigInt)]
    attended: i64,
    #[diesel(sql_type = BigInt)]
    no_shows: i64,
}

/// The patient's appointments, upcoming and past, newest first, and their
/// attendance over all of them.
pub fn list(
    conn: &mut PgConnection,
    patient_id: Uuid,
    query: &ListQuery,
) -> Result<AppointmentsPage, AppointmentError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppointmentError::Invalid {
            field: "limit",
            message: format!("give a number from 1 to {MAX_LIMIT}"),
        });
    }
    let exists: Option<Uuid> = patients::table
        .find(patient_id)
        .select(patients::id)
        .first(conn)
        .optional()?;
    if exists.is_none() {
        return Err(AppointmentError::PatientNotFound);
    }
    let items = diesel::sql_query(format!(
        "{SELECT} WHERE b.patient_id = $1 ORDER BY b.starts_at DESC, b.id LIMIT $2"
    ))
    .bind::<SqlUuid, _>(patient_id)
    .bind::<BigInt, _>(i64::from(limit))
    .load(conn)?;
    Ok(AppointmentsPage {
        items,
        attendance: attendance(conn, patient_id)?,
    })
}

/// The patient's attendance over all their appointments.
pub fn attendance(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<Attendance> {
    let counts: Counts = diesel::sql_query(
        "SELECT count(*) FILTER (WHERE status IN ('arrived', 'completed')) AS attended,
                count(*) FILTER (WHERE status = 'no_show') AS no_shows
         FROM bookings WHERE patient_id = $1",
    )
    .bind::<SqlUuid, _>(patient_id)
    .get_result(conn)?;
    Ok(Attendance::of(counts.attended, counts.no_shows))
}

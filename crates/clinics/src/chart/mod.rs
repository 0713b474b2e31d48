//! A patient's chart in one read: the record, the latest notes with their
//! amendments, the active plans, the appointments to come and the
//! patient's attendance. What a clinician opens before a visit, so the
//! phone app and the back office need one request, not five.

use diesel::PgConnection;
use kernel::error::AppError;
use serde::Serialize;
use uuid::Uuid;

use crate::appointments::{self, Appointment, Attendance};
use crate::notes::{self, NoteView};
use crate::patients::{self, Patient};
use crate::plans::{self, PlanView};

/// How many of the latest notes the chart carries; older ones are paged
/// through the notes list with `notes_next_cursor`.
pub const NOTES: i64 = 20;
/// How many appointments to come the chart carries.
pub const UPCOMING: i64 = 10;

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = PatientChart)]
pub struct Chart {
    pub patient: Patient,
    /// The latest notes, newest first, each with its amendments.
    pub notes: Vec<NoteView>,
    /// Pass as `cursor` to the patient's notes list for older notes;
    /// null when the chart holds them all.
    pub notes_next_cursor: Option<String>,
    /// Active plans, newest first, with their sessions counted.
    pub plans: Vec<PlanView>,
    /// Appointments not yet over (pending, confirmed, arrived), soonest first.
    pub upcoming: Vec<Appointment>,
    pub attendance: Attendance,
}

/// Reads the chart inside the caller's transaction; 404 when there is no
/// such patient (archived patients have a chart too).
pub fn read(conn: &mut PgConnection, id: Uuid) -> Result<Chart, AppError> {
    let patient = patients::read(conn, id)?;
    let notes = notes::latest(conn, id, NOTES)?;
    let plans = plans::active(conn, id)?;
    let upcoming = appointments::upcoming(conn, id, UPCOMING)?;
    let attendance = appointments::attendance(conn, id)?;
    Ok(Chart {
        patient,
        notes: notes.items,
        notes_next_cursor: notes.next_cursor,
        plans,
        upcoming,
        attendance,
    })
}

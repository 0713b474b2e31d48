//! A patient's chart in one read: the record, the latest notes with their
//! amendments, the active plans, the appointments to come and the
//! patient's attendance. What a clinician opens before a visit, so the
//! phone app and the back office need one request, not five.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use kernel::db::Kept;
use kernel::error::AppError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::appointments::{Appointment, Attendance};
use crate::audit::{self, Accessor};
use crate::notes::{Amendment, Note, NoteView};
use crate::patients::{Patient, PatientError, PatientRow};
use crate::plans::{PlanRow, PlanView, MAX_LISTED as PLANS};

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

/// Reads the chart inside the caller's transaction and writes the access
/// row of `who`'s `action` with it; 404 when there is no such patient
/// (archived patients have a chart too).
///
/// One statement (chart.sql), kept prepared per connection and tenant like
/// every `Kept` one, with the access row's insert in front of it. It
/// answers rows under their columns' names, read here into the types the
/// other reads use, then shaped as they shape them.
///
/// It was a function in each tenant's schema; PostgreSQL looks a function
/// up by its name in every schema at once, so each connection that called
/// it loaded every tenant's copy (24 MB and 44 ms at 8,500 tenants, again
/// after any tenant was created).
pub fn read(
    conn: &mut PgConnection,
    id: Uuid,
    who: &Accessor,
    action: &'static str,
) -> Result<Chart, AppError> {
    let chart = Kept::new(include_str!("chart.sql"))
        .bind::<SqlUuid, _>(id)
        // One past the page, to know whether older notes remain.
        .bind::<BigInt, _>(NOTES + 1)
        .bind::<BigInt, _>(PLANS)
        .bind::<BigInt, _>(UPCOMING);
    let found: Found = audit::logged(chart, who, action).get_result(conn)?;
    let raw = found
        .chart
        .ok_or_else(|| AppError::from(PatientError::NotFound))?;
    let stored: Stored = serde_json::from_str(&raw)
        .map_err(|e| AppError::internal(format!("a chart as the database wrote it: {e}")))?;
    let mut notes = stored.notes;
    let notes_next_cursor = crate::notes::trim_page(&mut notes, NOTES, |n| &n.note);
    let plans = stored
        .plans
        .into_iter()
        .map(|p| PlanView::of(p.plan, p.sessions_attended).map_err(AppError::from))
        .collect::<Result<_, _>>()?;
    Ok(Chart {
        patient: Patient::from(stored.patient),
        notes: notes
            .into_iter()
            .map(|n| NoteView {
                signed: n.note.signed_at.is_some(),
                note: n.note,
                amendments: n.amendments,
            })
            .collect(),
        notes_next_cursor,
        plans,
        upcoming: stored.upcoming,
        attendance: Attendance::of(stored.attendance.attended, stored.attendance.no_shows),
    })
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = Nullable<Text>)]
    chart: Option<String>,
}

/// The document chart.sql writes.
#[derive(Deserialize)]
struct Stored {
    patient: PatientRow,
    notes: Vec<StoredNote>,
    plans: Vec<StoredPlan>,
    upcoming: Vec<Appointment>,
    attendance: StoredAttendance,
}

#[derive(Deserialize)]
struct StoredNote {
    note: Note,
    amendments: Vec<Amendment>,
}

#[derive(Deserialize)]
struct StoredPlan {
    plan: PlanRow,
    sessions_attended: i64,
}

#[derive(Deserialize)]
struct StoredAttendance {
    attended: i64,
    no_shows: i64,
}

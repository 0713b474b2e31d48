//! The operations on plans, each inside the caller's tenant transaction.

use bookings::settings::BookingSettings;
use diesel::prelude::*;
use uuid::Uuid;

use super::error::PlanError;
use super::model::{CreateBody, PatchBody, PlanContent, PlanRow, PlanView};
use super::repo;

/// The patient's plans, newest first, with their sessions counted.
pub fn list(conn: &mut PgConnection, patient_id: Uuid) -> Result<Vec<PlanView>, PlanError> {
    if repo::patient_archived(conn, patient_id)?.is_none() {
        return Err(PlanError::PatientNotFound);
    }
    views(conn, patient_id, false)
}

/// The patient's active plans (what their account page shows).
pub fn active(conn: &mut PgConnection, patient_id: Uuid) -> Result<Vec<PlanView>, PlanError> {
    views(conn, patient_id, true)
}

/// Like [`active`], with the booking settings the caller has already read
/// (their time zone counts the sessions): a page that shows the plans
/// among other things then reads the settings once.
pub fn active_under(
    conn: &mut PgConnection,
    patient_id: Uuid,
    settings: &BookingSettings,
) -> Result<Vec<PlanView>, PlanError> {
    let rows = repo::of_patient(conn, patient_id, true)?;
    counted(conn, rows, settings.tz().name())
}

fn views(
    conn: &mut PgConnection,
    patient_id: Uuid,
    active_only: bool,
) -> Result<Vec<PlanView>, PlanError> {
    let rows = repo::of_patient(conn, patient_id, active_only)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // The settings are read only when there is a plan to count for.
    let (_, tz) = repo::today(conn)?;
    counted(conn, rows, &tz)
}

/// Each plan with its sessions counted, days ending in the zone `tz`.
fn counted(
    conn: &mut PgConnection,
    rows: Vec<PlanRow>,
    tz: &str,
) -> Result<Vec<PlanView>, PlanError> {
    rows.into_iter()
        .map(|row| repo::view(conn, row, tz))
        .collect()
}

/// A new, active plan for the patient, made by `staff_id`.
pub fn create(
    conn: &mut PgConnection,
    patient_id: Uuid,
    staff_id: Uuid,
    body: &CreateBody,
) -> Result<PlanView, PlanError> {
    create_with_id(conn, Uuid::new_v4(), patient_id, staff_id, body)
}

/// Like [`create`], with the id chosen by the caller: an offline client
/// names what it wrote before the server has seen it.
pub fn create_with_id(
    conn: &mut PgConnection,
    id: Uuid,
    patient_id: Uuid,
    staff_id: Uuid,
    body: &CreateBody,
) -> Result<PlanView, PlanError> {
    let (today, tz) = repo::today(conn)?;
    let content = PlanContent::parse(body, today)?;
    match repo::patient_archived(conn, patient_id)? {
        None => return Err(PlanError::PatientNotFound),
        Some(true) => return Err(PlanError::PatientArchived),
        Some(false) => {}
    }
    let row = repo::insert(conn, id, patient_id, staff_id, &content)?;
    repo::view(conn, row, &tz)
}

pub fn read(conn: &mut PgConnection, id: Uuid) -> Result<PlanView, PlanError> {
    let row = repo::find(conn, id)?;
    let (_, tz) = repo::today(conn)?;
    repo::view(conn, row, &tz)
}

/// Changes the plan under its row lock; completing it stops later
/// appointments counting, making it active again lets them count.
pub fn update(conn: &mut PgConnection, id: Uuid, patch: &PatchBody) -> Result<PlanView, PlanError> {
    let before = repo::lock(conn, id)?;
    let content = PlanContent::patched(&before, patch)?;
    let row = repo::rewrite(conn, &before, &content)?;
    let (_, tz) = repo::today(conn)?;
    repo::view(conn, row, &tz)
}

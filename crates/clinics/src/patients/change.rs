//! Creating and changing a patient, each in the caller's tenant
//! transaction. Every check comes before the insert: the code comes from a
//! sequence as the insert's column default, and a sequence number drawn by
//! an insert that then fails is lost, so creations that succeed take
//! consecutive codes only when nothing can fail after the draw.

use diesel::prelude::*;
use uuid::Uuid;

use super::consents::Consents;
use super::error::PatientError;
use super::fields::{NewPatient, PatientChanges};
use super::model::{PatchBody, Patient, PatientRow};
use super::repo;
use crate::schema::patients;
use billing::Limit;

/// A new patient, with its id chosen by the caller (the access audit names
/// it), within the plan's `patients` limit.
pub fn create(
    conn: &mut diesel::PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    new: &NewPatient,
) -> Result<Patient, PatientError> {
    billing::ensure_room(conn, tenant_id, Limit::Patients, 1, repo::count_active)?;
    if let Some(customer_id) = new.customer_id {
        repo::check_customer(conn, customer_id, id)?;
    }
    let now = repo::now(conn)?;
    let consents = Consents::default().answered(&new.consents, now);
    let row: PatientRow = diesel::insert_into(patients::table)
        .values((
            patients::id.eq(id),
            patients::name.eq(&new.name),
            patients::date_of_birth.eq(new.date_of_birth),
            patients::sex.eq(new.sex),
            patients::phone.eq(&new.phone),
            patients::email.eq(&new.email),
            patients::address.eq(&new.address),
            patients::complaint.eq(&new.complaint),
            patients::diagnosis.eq(&new.diagnosis),
            patients::group_name.eq(&new.group),
            patients::favourite.eq(new.favourite),
            patients::consents.eq(consents.to_stored()),
            patients::customer_id.eq(new.customer_id),
            patients::created_at.eq(now),
            patients::updated_at.eq(now),
        ))
        .returning(PatientRow::as_returning())
        .get_result(conn)?;
    Ok(row.into())
}

/// Changes the fields sent. The record is locked and read first: the body
/// is checked against it (an archived record is not changed; a stale
/// `version` is a conflict), so a request that names an existing patient
/// has reached the record whatever then fails.
pub fn update(
    conn: &mut diesel::PgConnection,
    id: Uuid,
    body: PatchBody,
) -> Result<Patient, PatientError> {
    let current = repo::lock(conn, id)?;
    let changes = PatientChanges::parse(body)?;
    if current.archived_at.is_some() {
        return Err(PatientError::Archived);
    }
    if let Some(sent) = changes.version.filter(|v| *v != current.version) {
        return Err(PatientError::VersionConflict {
            sent,
            current: current.version,
        });
    }
    if let Some(Some(customer_id)) = changes.customer_id {
        if current.customer_id != Some(customer_id) {
            repo::check_customer(conn, customer_id, id)?;
        }
    }
    let now = repo::now(conn)?;
    let consents = changes.consents.map(|sent| {
        Consents::from_stored(&current.consents)
            .answered(&sent, now)
            .to_stored()
    });
    let row: PatientRow = diesel::update(patients::table.find(id))
        .set((
            changes.name.as_ref().map(|v| patients::name.eq(v)),
            changes.date_of_birth.map(|v| patients::date_of_birth.eq(v)),
            changes.sex.map(|v| patients::sex.eq(v)),
            changes.phone.as_ref().map(|v| patients::phone.eq(v)),
            changes.email.as_ref().map(|v| patients::email.eq(v)),
            changes.address.as_ref().map(|v| patients::address.eq(v)),
            changes
                .complaint
                .as_ref()
                .map(|v| patients::complaint.eq(v)),
            changes
                .diagnosis
                .as_ref()
                .map(|v| patients::diagnosis.eq(v)),
            changes.group.as_ref().map(|v| patients::group_name.eq(v)),
            changes.favourite.map(|v| patients::favourite.eq(v)),
            consents.map(|v| patients::consents.eq(v)),
            changes.customer_id.map(|v| patients::customer_id.eq(v)),
            patients::version.eq(patients::version + 1),
            patients::updated_at.eq(now),
        ))
        .returning(PatientRow::as_returning())
        .get_result(conn)?;
    Ok(row.into())
}

/// Archives the record (it leaves the default list and stops counting
/// against the plan) or brings it back (within the plan's limit). Asking
/// for the state the record is in changes nothing.
pub fn set_archived(
    conn: &mut diesel::PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    archived: bool,
) -> Result<Patient, PatientError> {
    let current = repo::lock(conn, id)?;
    if current.archived_at.is_some() == archived {
        return Ok(current.into());
    }
    if !archived {
        billing::ensure_room(conn, tenant_id, Limit::Patients, 1, repo::count_active)?;
    }
    let now = repo::now(conn)?;
    let row: PatientRow = diesel::update(patients::table.find(id))
        .set((
            patients::archived_at.eq(archived.then_some(now)),
            patients::version.eq(patients::version + 1),
            patients::updated_at.eq(now),
        ))
        .returning(PatientRow::as_returning())
        .get_result(conn)?;
    Ok(row.into())
}

/// The whole record, as staff read it.
pub fn read(conn: &mut diesel::PgConnection, id: Uuid) -> Result<Patient, PatientError> {
    repo::find(conn, id).map(Patient::from)
}

//! Each entity's current state, lock and write, through the entity's own
//! operations (so a pushed record meets the same checks as the API).

use diesel::prelude::*;
use kernel::error::AppError;
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use super::model::Entity;
use crate::notes::schema::clinical_notes;
use crate::plans::schema::treatment_plans;
use crate::schema::patients;
use crate::{notes, patients as patient_ops, plans};

/// A record as it is now: what the client gets, its version, and the
/// patient whose record it is on (for the access log).
pub(crate) struct State {
    pub data: Value,
    pub version: i64,
    pub patient_id: Uuid,
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, AppError> {
    serde_json::to_value(value).map_err(AppError::internal)
}

/// The record's current state, or None when it does not exist.
pub(crate) fn state(
    conn: &mut PgConnection,
    entity: Entity,
    id: Uuid,
) -> Result<Option<State>, AppError> {
    Ok(match entity {
        Entity::Patient => match patient_ops::read(conn, id) {
            Ok(p) => Some(State {
                data: to_value(&p)?,
                version: p.version,
                patient_id: p.id,
            }),
            Err(patient_ops::PatientError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Entity::Note => match notes::read(conn, id) {
            Ok(n) => Some(State {
                data: to_value(&n)?,
                version: n.note.version,
                patient_id: n.note.patient_id,
            }),
            Err(notes::NoteError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Entity::Plan => match plans::read(conn, id) {
            Ok(p) => Some(State {
                data: to_value(&p)?,
                version: p.version,
                patient_id: p.patient_id,
            }),
            Err(plans::PlanError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
    })
}

/// What a pushed change is checked against, read under the row's lock so
/// no other writer slips in between the check and the write.
pub(crate) struct Locked {
    pub version: i64,
    /// A signed note: final, never overwritten.
    pub signed: bool,
}

pub(crate) fn lock(
    conn: &mut PgConnection,
    entity: Entity,
    id: Uuid,
) -> QueryResult<Option<Locked>> {
    let found: Option<(i64, bool)> = match entity {
        Entity::Patient => patients::table
            .find(id)
            .select((
                patients::version,
                false.into_sql::<diesel::sql_types::Bool>(),
            ))
            .for_update()
            .first(conn)
            .optional()?,
        Entity::Note => clinical_notes::table
            .find(id)
            .select((
                clinical_notes::version,
                clinical_notes::signed_at.is_not_null(),
            ))
            .for_update()
            .first(conn)
            .optional()?,
        Entity::Plan => treatment_plans::table
            .find(id)
            .select((
                treatment_plans::version,
                false.into_sql::<diesel::sql_types::Bool>(),
            ))
            .for_update()
            .first(conn)
            .optional()?,
    };
    Ok(found.map(|(version, signed)| Locked { version, signed }))
}

/// The pushed `data` as the entity's own body type; a body that does not
/// fit is a 422 naming `data`.
fn body<T: DeserializeOwned>(data: Value) -> Result<T, AppError> {
    serde_json::from_value(data).map_err(|e| AppError::invalid("data", e.to_string()))
}

/// A note or plan created names its patient in `data`, beside the fields
/// of the entity's own create body.
fn split_patient(mut data: Value) -> Result<(Uuid, Value), AppError> {
    let raw = data
        .as_object_mut()
        .and_then(|fields| fields.remove("patient_id"))
        .ok_or_else(|| AppError::invalid("data.patient_id", "is required"))?;
    let patient_id = raw
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| AppError::invalid("data.patient_id", "must be a patient's id"))?;
    Ok((patient_id, data))
}

/// Who writes, on which site.
pub(crate) struct Writer {
    pub tenant_id: Uuid,
    pub staff_id: Uuid,
}

/// Creates the record under `id`.
pub(crate) fn create(
    conn: &mut PgConnection,
    by: &Writer,
    entity: Entity,
    id: Uuid,
    data: Value,
) -> Result<(), AppError> {
    match entity {
        Entity::Patient => {
            let new = patient_ops::NewPatient::parse(body(data)?)?;
            patient_ops::create(conn, by.tenant_id, id, &new)?;
        }
        Entity::Note => {
            let (patient_id, data) = split_patient(data)?;
            notes::create_with_id(conn, id, patient_id, by.staff_id, &body(data)?)?;
        }
        Entity::Plan => {
            let (patient_id, data) = split_patient(data)?;
            plans::create_with_id(conn, id, patient_id, by.staff_id, &body(data)?)?;
        }
    }
    Ok(())
}

/// Applies the change to the (locked, checked) record.
pub(crate) fn update(
    conn: &mut PgConnection,
    entity: Entity,
    id: Uuid,
    data: Value,
) -> Result<(), AppError> {
    match entity {
        Entity::Patient => {
            patient_ops::update(conn, id, body(data)?)?;
        }
        Entity::Note => {
            notes::update(conn, id, &body(data)?)?;
        }
        Entity::Plan => {
            plans::update(conn, id, &body(data)?)?;
        }
    }
    Ok(())
}

/// The patient whose record the (existing) record is on.
pub(crate) fn patient_of(
    conn: &mut PgConnection,
    entity: Entity,
    id: Uuid,
) -> Result<Uuid, AppError> {
    Ok(match entity {
        Entity::Patient => id,
        Entity::Note => notes::patient_of(conn, id)?,
        Entity::Plan => plans::patient_of(conn, id)?,
    })
}

/// The answer a client gets for a missing record of this kind.
pub(crate) fn not_found(entity: Entity) -> AppError {
    match entity {
        Entity::Patient => patient_ops::PatientError::NotFound.into(),
        Entity::Note => notes::NoteError::NotFound.into(),
        Entity::Plan => plans::PlanError::NotFound.into(),
    }
}

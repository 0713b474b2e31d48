//! Applying a batch of offline changes: all in the caller's transaction,
//! each record in a savepoint of its own, so a record refused leaves
//! nothing behind while the others stand.

use std::collections::BTreeSet;

use diesel::prelude::*;
use kernel::error::AppError;
use uuid::Uuid;

use super::error::SyncError;
use super::model::{Op, Outcome, PushBody, PushChange, PushResult, PushedRecord};
use super::records::{self, Writer};

/// The most changes one push carries: a batch is one transaction, and its
/// locks are held until the last record is written.
pub const MAX_CHANGES: usize = 100;

/// Applies every change in order; answers one result per change and the
/// patients whose records the push reached (for the access log).
pub fn push(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    staff_id: Uuid,
    body: PushBody,
) -> Result<(PushResult, BTreeSet<Uuid>), SyncError> {
    if body.changes.len() > MAX_CHANGES {
        return Err(SyncError::TooManyChanges);
    }
    let writer = Writer {
        tenant_id,
        staff_id,
    };
    let mut results = Vec::with_capacity(body.changes.len());
    let mut reached = BTreeSet::new();
    for change in body.changes {
        let (entity, id) = (change.entity, change.id);
        let step = conn
            .transaction::<Outcome, AppError, _>(|conn| apply(conn, &writer, change, &mut reached));
        let outcome = match step {
            Ok(outcome) => outcome,
            // A record's own trouble: its savepoint is rolled back, and
            // the others go on.
            Err(e) if e.status.is_client_error() => rejected(e),
            // The database failed, not the record: the whole push fails.
            Err(e) => return Err(e.into()),
        };
        results.push(PushedRecord {
            entity,
            id,
            outcome,
        });
    }
    Ok((PushResult { results }, reached))
}

fn rejected(e: AppError) -> Outcome {
    Outcome::Rejected {
        code: e.code.to_string(),
        http_status: e.status.as_u16(),
        message: e.detail,
        errors: e.errors,
    }
}

fn apply(
    conn: &mut PgConnection,
    writer: &Writer,
    change: PushChange,
    reached: &mut BTreeSet<Uuid>,
) -> Result<Outcome, AppError> {
    let PushChange {
        entity,
        id,
        op,
        base_version,
        data,
    } = change;
    let locked = records::lock(conn, entity, id)?;
    match (op, locked) {
        (Op::Create, None) => records::create(conn, writer, entity, id, data)?,
        // The id is taken: most likely this very create, pushed again
        // after its answer was lost. The client gets the record as it is.
        (Op::Create, Some(_)) => return current(conn, entity, id, reached, true),
        (Op::Update, None) => return Err(records::not_found(entity)),
        (Op::Update, Some(now)) => {
            // The record is reached whatever follows.
            reached.insert(records::patient_of(conn, entity, id)?);
            // Final whatever the version: a signed note is never
            // overwritten; the client must amend it instead.
            if now.signed {
                return Err(crate::notes::NoteError::Signed.into());
            }
            let Some(base) = base_version else {
                return Err(AppError::invalid(
                    "base_version",
                    "an update needs the version it was made on",
                ));
            };
            if base != now.version {
                return current(conn, entity, id, reached, true);
            }
            records::update(conn, entity, id, data)?;
        }
    }
    current(conn, entity, id, reached, false)
}

/// The record as it is now, as an `applied` or a `conflict` answer.
fn current(
    conn: &mut PgConnection,
    entity: super::Entity,
    id: Uuid,
    reached: &mut BTreeSet<Uuid>,
    conflict: bool,
) -> Result<Outcome, AppError> {
    let state = records::state(conn, entity, id)?.ok_or_else(|| records::not_found(entity))?;
    reached.insert(state.patient_id);
    Ok(if conflict {
        Outcome::Conflict {
            version: state.version,
            data: state.data,
        }
    } else {
        Outcome::Applied {
            version: state.version,
            data: state.data,
        }
    })
}

//! What sync looks like on the wire.

use chrono::{DateTime, Utc};
use kernel::error::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

kernel::text_enum! {
    /// The kinds of record sync carries.
    pub enum Entity {
        Patient => "patient",
        Note => "note",
        Plan => "plan",
    }
}

/// What a pushed change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = SyncOp)]
pub enum Op {
    /// A record first written offline, under the id the client chose.
    Create,
    /// A change of an existing record, made on `base_version`.
    Update,
}

/// One record of a pull: its whole current state, or a tombstone.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SyncedRecord {
    pub entity: Entity,
    pub id: Uuid,
    /// The record's version now; null for a tombstone.
    pub version: Option<i64>,
    /// True when the record no longer exists (a real delete).
    pub deleted: bool,
    /// The record as its own API reads it (a patient, a note with its
    /// amendments, a plan); null for a tombstone.
    #[schema(value_type = Option<Object>)]
    pub data: Option<Value>,
    /// When the change this entry stands for was made.
    pub changed_at: DateTime<Utc>,
}

/// A page of the change feed, oldest change first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PullPage {
    pub changes: Vec<SyncedRecord>,
    /// Send as `since` on the next pull (the same cursor again when there
    /// was nothing new).
    pub cursor: String,
    /// More changes are waiting: pull again at once.
    pub has_more: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushBody {
    /// Applied in order, all in one transaction; at most 100.
    pub changes: Vec<PushChange>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushChange {
    pub entity: Entity,
    /// For a create, the id the client gave the new record.
    pub id: Uuid,
    pub op: Op,
    /// For an update (required): the version the change was made on. A
    /// record changed since is a conflict and stays as it is.
    #[serde(default)]
    pub base_version: Option<i64>,
    /// The body the entity's own create or update route takes; a note or
    /// plan created adds `patient_id`.
    #[schema(value_type = Object)]
    pub data: Value,
}

/// What became of one pushed record.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
#[schema(as = SyncOutcome)]
pub enum Outcome {
    /// Written: the record now, at its new version.
    Applied {
        version: i64,
        #[schema(value_type = Object)]
        data: Value,
    },
    /// The record changed since `base_version` (or a create named an id
    /// that exists): nothing written, the record as it is now.
    Conflict {
        version: i64,
        #[schema(value_type = Object)]
        data: Value,
    },
    /// Refused, nothing written: `code` and `status` as the entity's own
    /// route would answer (`note_signed` 409, `validation_failed` 422 ...).
    Rejected {
        code: String,
        http_status: u16,
        message: String,
        errors: Vec<FieldError>,
    },
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PushedRecord {
    pub entity: Entity,
    pub id: Uuid,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// One answer per pushed change, in the order sent.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PushResult {
    pub results: Vec<PushedRecord>,
}

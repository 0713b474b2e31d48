//! What a clinical note looks like on the wire, and the checked values a
//! request must turn into before anything reaches the database.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use kernel::input::{optional_long_text, present};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::NoteError;
use super::schema::{clinical_note_amendments, clinical_notes};
use crate::field_errors::Fields;

/// The longest SOAP field or free text (the table holds no more).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The longest reason given for an amendment.
pub const MAX_REASON_CHARS: usize = 1000;

kernel::text_enum! {
    /// Why the patient was seen.
    pub enum VisitType {
        Regular => "regular",
        FollowUp => "follow_up",
        Emergency => "emergency",
        HomeVisit => "home_visit",
    }
}

/// A note as its row holds it.
#[derive(Debug, Clone, Serialize, Deserialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = clinical_notes, check_for_backend(diesel::pg::Pg))]
pub struct Note {
    pub id: Uuid,
    pub patient_id: Uuid,
    pub visit_type: VisitType,
    pub subjective: Option<String>,
    pub objective: Option<String>,
    pub assessment: Option<String>,
    pub plan: Option<String>,
    /// Free text, beside or instead of the SOAP fields.
    #[diesel(column_name = body)]
    #[serde(alias = "body")]
    pub text: Option<String>,
    /// The staff member who wrote it, and their name at the time.
    pub author_id: Uuid,
    pub author_name: Option<String>,
    /// Set once signed; the note never changes after.
    pub signed_at: Option<DateTime<Utc>>,
    pub signed_by: Option<Uuid>,
    /// Rises with every change (for offline sync).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A correction of a signed note: the note stays as signed, and this
/// follows it.
#[derive(Debug, Clone, Serialize, Deserialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = clinical_note_amendments, check_for_backend(diesel::pg::Pg))]
pub struct Amendment {
    pub id: Uuid,
    pub note_id: Uuid,
    pub text: String,
    pub reason: Option<String>,
    pub author_id: Uuid,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A note with its amendments, oldest first: the whole history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoteView {
    #[serde(flatten)]
    pub note: Note,
    pub signed: bool,
    pub amendments: Vec<Amendment>,
}

/// A page of a patient's notes, newest first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotePage {
    pub items: Vec<NoteView>,
    /// Pass as `cursor` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewNoteBody)]
pub struct CreateBody {
    /// `regular` (when left out), `follow_up`, `emergency` or `home_visit`.
    #[serde(default)]
    #[schema(example = "regular")]
    pub visit_type: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub subjective: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub objective: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub assessment: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub plan: Option<String>,
    /// Free text. A note needs this or at least one SOAP field.
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub text: Option<String>,
}

/// A partial update of an unsigned note: a field left out stays, `null`
/// or blank clears it.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NotePatchBody)]
pub struct PatchBody {
    #[serde(default)]
    pub visit_type: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub subjective: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub objective: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub assessment: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub plan: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub text: Option<Option<String>>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewAmendmentBody)]
pub struct AmendmentBody {
    /// The correction or addition.
    #[schema(min_length = 1, max_length = 20000)]
    pub text: String,
    /// Why the signed note needed it.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

/// A note's content, checked: a known visit type and at least one text.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset, Insertable)]
#[diesel(table_name = clinical_notes, treat_none_as_null = true)]
pub struct NoteContent {
    pub visit_type: VisitType,
    pub subjective: Option<String>,
    pub objective: Option<String>,
    pub assessment: Option<String>,
    pub plan: Option<String>,
    pub body: Option<String>,
}

fn visit_type(raw: &str) -> Result<VisitType, String> {
    VisitType::parse(raw.trim()).ok_or_else(|| format!("must be one of {}", VisitType::choices()))
}

fn long_text(fields: &mut Fields, field: &str, raw: Option<&str>) -> Option<String> {
    fields
        .check(field, optional_long_text(raw, MAX_TEXT_CHARS))
        .flatten()
}

impl NoteContent {
    /// The content of a new note.
    pub fn parse(body: &CreateBody) -> Result<Self, NoteError> {
        let mut fields = Fields::default();
        let visit = match body.visit_type.as_deref() {
            None => Some(VisitType::Regular),
            Some(raw) => fields.check("visit_type", visit_type(raw)),
        };
        let content = NoteContent {
            visit_type: visit.unwrap_or(VisitType::Regular),
            subjective: long_text(&mut fields, "subjective", body.subjective.as_deref()),
            objective: long_text(&mut fields, "objective", body.objective.as_deref()),
            assessment: long_text(&mut fields, "assessment", body.assessment.as_deref()),
            plan: long_text(&mut fields, "plan", body.plan.as_deref()),
            body: long_text(&mut fields, "text", body.text.as_deref()),
        };
        content.finish(fields)
    }

    /// The content of `note` with `patch` applied.
    pub fn patched(note: &Note, patch: &PatchBody) -> Result<Self, NoteError> {
        let mut fields = Fields::default();
        let current = note.visit_type;
        let visit = match patch.visit_type.as_deref() {
            None => Some(current),
            Some(raw) => fields.check("visit_type", visit_type(raw)),
        };
        let mut merge =
            |field: &str, sent: &Option<Option<String>>, now: &Option<String>| match sent {
                None => now.clone(),
                Some(value) => long_text(&mut fields, field, value.as_deref()),
            };
        let content = NoteContent {
            visit_type: visit.unwrap_or(current),
            subjective: merge("subjective", &patch.subjective, &note.subjective),
            objective: merge("objective", &patch.objective, &note.objective),
            assessment: merge("assessment", &patch.assessment, &note.assessment),
            plan: merge("plan", &patch.plan, &note.plan),
            body: merge("text", &patch.text, &note.text),
        };
        content.finish(fields)
    }

    fn finish(self, mut fields: Fields) -> Result<Self, NoteError> {
        let empty = [
            &self.subjective,
            &self.objective,
            &self.assessment,
            &self.plan,
            &self.body,
        ]
        .iter()
        .all(|t| t.is_none());
        // A text refused for its own reason already says what is wrong.
        if empty && fields.is_empty() {
            fields.push(
                "text",
                "a note needs free text or at least one of subjective, objective, assessment, plan",
            );
        }
        fields.finish().map_err(NoteError::Validation)?;
        Ok(self)
    }
}

/// An amendment, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAmendment {
    pub text: String,
    pub reason: Option<String>,
}

impl NewAmendment {
    pub fn parse(body: &AmendmentBody) -> Result<Self, NoteError> {
        let mut fields = Fields::default();
        let text = match optional_long_text(Some(&body.text), MAX_TEXT_CHARS) {
            Ok(Some(text)) => Some(text),
            Ok(None) => {
                fields.push("text", "must not be empty");
                None
            }
            Err(message) => {
                fields.push("text", message);
                None
            }
        };
        let reason = fields
            .check(
                "reason",
                optional_long_text(body.reason.as_deref(), MAX_REASON_CHARS),
            )
            .flatten();
        fields.finish().map_err(NoteError::Validation)?;
        Ok(NewAmendment {
            text: text.unwrap_or_default(),
            reason,
        })
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

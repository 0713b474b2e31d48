//! What a treatment plan looks like on the wire, and the checked values a
//! request must turn into before anything reaches the database.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use kernel::input::{bounded_date, optional_long_text, present, required_text};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::PlanError;
use super::schema::treatment_plans;
use crate::field_errors::Fields;

pub const MAX_GOALS: usize = 20;
pub const MAX_GOAL_CHARS: usize = 500;
pub const MAX_EXERCISES: usize = 50;
pub const MAX_EXERCISE_NAME_CHARS: usize = 200;
pub const MAX_INSTRUCTIONS_CHARS: usize = 2000;
pub const MAX_SESSIONS: i64 = 1000;
pub const MAX_SETS: i64 = 100;
pub const MAX_REPETITIONS: i64 = 1000;

kernel::text_enum! {
    /// Whether the plan is being followed.
    pub enum PlanStatus {
        Active => "active",
        Completed => "completed",
    }
}

/// One exercise of a plan, as stored (jsonb) and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Exercise {
    pub name: String,
    pub sets: Option<i32>,
    pub repetitions: Option<i32>,
    pub instructions: Option<String>,
}

/// A plan as its row holds it.
#[derive(Debug, Clone, Queryable, Selectable, Deserialize)]
#[diesel(table_name = treatment_plans, check_for_backend(diesel::pg::Pg))]
pub struct PlanRow {
    pub id: Uuid,
    pub patient_id: Uuid,
    pub goals: Vec<String>,
    pub sessions_planned: i32,
    pub exercises: serde_json::Value,
    pub starts_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub status: PlanStatus,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A plan with how far the patient has come: each completed appointment
/// since the start (and before completion) counts as a session attended.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub id: Uuid,
    pub patient_id: Uuid,
    pub goals: Vec<String>,
    pub sessions_planned: i32,
    pub sessions_attended: i64,
    /// Planned minus attended, never below 0.
    pub sessions_left: i64,
    pub exercises: Vec<Exercise>,
    pub starts_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub status: PlanStatus,
    pub completed_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PlanView {
    pub fn of(row: PlanRow, sessions_attended: i64) -> Result<Self, PlanError> {
        // Only this module writes the column, always from `Exercise`s.
        let exercises: Vec<Exercise> = serde_json::from_value(row.exercises).map_err(|e| {
            kernel::error::AppError::internal(format!("a plan's stored exercises: {e}"))
        })?;
        Ok(PlanView {
            id: row.id,
            patient_id: row.patient_id,
            goals: row.goals,
            sessions_planned: row.sessions_planned,
            sessions_attended,
            sessions_left: (i64::from(row.sessions_planned) - sessions_attended).max(0),
            exercises,
            starts_on: row.starts_on,
            review_on: row.review_on,
            status: row.status,
            completed_at: row.completed_at,
            created_by: row.created_by,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExerciseBody {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 100)]
    pub sets: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 1000)]
    pub repetitions: Option<i64>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub instructions: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPlanBody)]
pub struct CreateBody {
    /// Up to 20 goals, one line each.
    #[serde(default)]
    pub goals: Option<Vec<String>>,
    /// 1 to 1000.
    #[schema(minimum = 1, maximum = 1000)]
    pub sessions_planned: Option<i64>,
    /// Up to 50 exercises.
    #[serde(default)]
    pub exercises: Option<Vec<ExerciseBody>>,
    /// Today (in the site's time zone) when left out.
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    /// On or after starts_on.
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
}

/// A partial update: a field left out stays; `review_on: null` clears the
/// review date. Completing a plan stops appointments after it counting.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PlanPatchBody)]
pub struct PatchBody {
    #[serde(default)]
    pub goals: Option<Vec<String>>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 1000)]
    pub sessions_planned: Option<i64>,
    #[serde(default)]
    pub exercises: Option<Vec<ExerciseBody>>,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub review_on: Option<Option<NaiveDate>>,
    /// `active` or `completed`.
    #[serde(default)]
    pub status: Option<String>,
}

/// A plan's content, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanContent {
    pub goals: Vec<String>,
    pub sessions_planned: i32,
    pub exercises: Vec<Exercise>,
    pub starts_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub status: PlanStatus,
}

fn goals(fields: &mut Fields, raw: &[String]) -> Vec<String> {
    if raw.len() > MAX_GOALS {
        fields.push(
            "goals",
            format!("has {} goals; at most {MAX_GOALS} are allowed", raw.len()),
        );
        return Vec::new();
    }
    raw.iter()
        .enumerate()
        .filter_map(|(i, goal)| {
            fields.check(&format!("goals[{i}]"), required_text(goal, MAX_GOAL_CHARS))
        })
        .collect()
}

fn in_range(raw: i64, max: i64) -> Result<i32, String> {
    if (1..=max).contains(&raw) {
        i32::try_from(raw).map_err(|_| format!("must be between 1 and {max}"))
    } else {
        Err(format!("must be between 1 and {max}"))
    }
}

fn exercises(fields: &mut Fields, raw: &[ExerciseBody]) -> Vec<Exercise> {
    if raw.len() > MAX_EXERCISES {
        fields.push(
            "exercises",
            format!(
                "has {} exercises; at most {MAX_EXERCISES} are allowed",
                raw.len()
            ),
        );
        return Vec::new();
    }
    raw.iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let at = |part: &str| format!("exercises[{i}].{part}");
            let name = fields.check(&at("name"), required_text(&e.name, MAX_EXERCISE_NAME_CHARS));
            let sets = e
                .sets
                .map(|s| fields.check(&at("sets"), in_range(s, MAX_SETS)));
            let repetitions = e
                .repetitions
                .map(|r| fields.check(&at("repetitions"), in_range(r, MAX_REPETITIONS)));
            let instructions = fields.check(
                &at("instructions"),
                optional_long_text(e.instructions.as_deref(), MAX_INSTRUCTIONS_CHARS),
            );
            Some(Exercise {
                name: name?,
                sets: sets.map_or(Some(None), |s| s.map(Some))?,
                repetitions: repetitions.map_or(Some(None), |r| r.map(Some))?,
                instructions: instructions?,
            })
        })
        .collect()
}

fn date(fields: &mut Fields, field: &str, raw: NaiveDate) -> NaiveDate {
    fields.check(field, bounded_date(raw)).unwrap_or(raw)
}

impl PlanContent {
    /// A new plan's content; `today` (in the site's time zone) is the start
    /// when none is given.
    pub fn parse(body: &CreateBody, today: NaiveDate) -> Result<Self, PlanError> {
        let mut fields = Fields::default();
        let sessions_planned = match body.sessions_planned {
            None => {
                fields.push("sessions_planned", "is required");
                None
            }
            Some(n) => fields.check("sessions_planned", in_range(n, MAX_SESSIONS)),
        };
        let content = PlanContent {
            goals: goals(&mut fields, body.goals.as_deref().unwrap_or_default()),
            sessions_planned: sessions_planned.unwrap_or(1),
            exercises: exercises(&mut fields, body.exercises.as_deref().unwrap_or_default()),
            starts_on: body
                .starts_on
                .map_or(today, |d| date(&mut fields, "starts_on", d)),
            review_on: body.review_on.map(|d| date(&mut fields, "review_on", d)),
            status: PlanStatus::Active,
        };
        content.finish(fields)
    }

    /// The content of `row` with `patch` applied.
    pub fn patched(row: &PlanRow, patch: &PatchBody) -> Result<Self, PlanError> {
        let mut fields = Fields::default();
        let stored: Vec<Exercise> =
            serde_json::from_value(row.exercises.clone()).unwrap_or_default();
        let content = PlanContent {
            goals: match &patch.goals {
                Some(raw) => goals(&mut fields, raw),
                None => row.goals.clone(),
            },
            sessions_planned: match patch.sessions_planned {
                Some(n) => fields
                    .check("sessions_planned", in_range(n, MAX_SESSIONS))
                    .unwrap_or(row.sessions_planned),
                None => row.sessions_planned,
            },
            exercises: match &patch.exercises {
                Some(raw) => exercises(&mut fields, raw),
                None => stored,
            },
            starts_on: patch
                .starts_on
                .map_or(row.starts_on, |d| date(&mut fields, "starts_on", d)),
            review_on: match patch.review_on {
                Some(d) => d.map(|d| date(&mut fields, "review_on", d)),
                None => row.review_on,
            },
            status: match patch.status.as_deref() {
                Some(raw) => fields
                    .check(
                        "status",
                        PlanStatus::parse(raw.trim())
                            .ok_or_else(|| format!("must be one of {}", PlanStatus::choices())),
                    )
                    .unwrap_or(row.status),
                None => row.status,
            },
        };
        content.finish(fields)
    }

    fn finish(self, mut fields: Fields) -> Result<Self, PlanError> {
        if let Some(review) = self.review_on {
            if review < self.starts_on {
                fields.push("review_on", "must be on or after starts_on");
            }
        }
        fields.finish().map_err(PlanError::Validation)?;
        Ok(self)
    }

    /// The exercises as the jsonb column holds them.
    pub fn exercises_json(&self) -> Result<serde_json::Value, PlanError> {
        serde_json::to_value(&self.exercises)
            .map_err(|e| PlanError::from(kernel::error::AppError::internal(e)))
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

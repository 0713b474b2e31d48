//! The patient's treatment plans, oldest first.

use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde_json::Value;
use uuid::Uuid;

use super::{json_rows, Section};

pub const SECTION: Section = Section {
    name: "plans",
    export: export_section,
};

fn export_section(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<Value> {
    json_rows::load(
        conn,
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', p.id, 'goals', to_jsonb(p.goals),
                    'sessions_planned', p.sessions_planned, 'exercises', p.exercises,
                    'starts_on', p.starts_on, 'review_on', p.review_on, 'status', p.status,
                    'completed_at', p.completed_at, 'created_at', p.created_at,
                    'updated_at', p.updated_at)
                ORDER BY p.created_at, p.id), '[]'::jsonb) AS doc
         FROM treatment_plans p WHERE p.patient_id = $1",
        patient_id,
    )
}

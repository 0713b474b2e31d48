//! The patient's clinical notes, oldest first, each with its amendments
//! (a signed note is never changed; what was added later is here too).

use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde_json::Value;
use uuid::Uuid;

use super::{json_rows, Section};

pub const SECTION: Section = Section {
    name: "notes",
    export: export_section,
};

fn export_section(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<Value> {
    json_rows::load(
        conn,
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', n.id, 'visit_type', n.visit_type,
                    'subjective', n.subjective, 'objective', n.objective,
                    'assessment', n.assessment, 'plan', n.plan, 'body', n.body,
                    'author_name', n.author_name, 'signed_at', n.signed_at,
                    'created_at', n.created_at, 'updated_at', n.updated_at,
                    'amendments', (
                        SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'id', a.id, 'text', a.text, 'reason', a.reason,
                                   'author_name', a.author_name, 'created_at', a.created_at)
                               ORDER BY a.created_at, a.id), '[]'::jsonb)
                        FROM clinical_note_amendments a WHERE a.note_id = n.id))
                ORDER BY n.created_at, n.id), '[]'::jsonb) AS doc
         FROM clinical_notes n WHERE n.patient_id = $1",
        patient_id,
    )
}

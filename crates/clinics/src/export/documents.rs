//! The patient's documents: what each is (title, type, size, checksum,
//! when it came), never the files themselves nor where they are stored.

use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde_json::Value;
use uuid::Uuid;

use super::{json_rows, Section};

pub const SECTION: Section = Section {
    name: "documents",
    export: export_section,
};

fn export_section(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<Value> {
    json_rows::load(
        conn,
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', d.id, 'title', d.title, 'content_type', d.content_type,
                    'size_bytes', d.size_bytes, 'sha256', d.sha256,
                    'created_at', d.created_at)
                ORDER BY d.created_at, d.id), '[]'::jsonb) AS doc
         FROM patient_documents d WHERE d.patient_id = $1",
        patient_id,
    )
}

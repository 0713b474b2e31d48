//! The export's sections built by PostgreSQL: one query that answers a
//! JSON array, so each section lists its columns once, in SQL, and a new
//! column is a conscious choice rather than a leak.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{Jsonb, Uuid as SqlUuid};
use serde_json::Value;
use uuid::Uuid;

#[derive(QueryableByName)]
struct Doc {
    #[diesel(sql_type = Jsonb)]
    doc: Value,
}

/// Runs `sql`, which takes the patient's id as `$1` and answers one row
/// with one `doc` column (a JSON array, never null).
pub(super) fn load(conn: &mut PgConnection, sql: &str, patient_id: Uuid) -> QueryResult<Value> {
    let row: Doc = diesel::sql_query(sql)
        .bind::<SqlUuid, _>(patient_id)
        .get_result(conn)?;
    Ok(row.doc)
}

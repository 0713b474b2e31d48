use chrono::{DateTime, Utc};
use diesel::dsl::exists;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Uuid as SqlUuid};
use kernel::db::{Kept, PerTenant};
use serde::Serialize;
use uuid::Uuid;

use super::Accessor;
use crate::schema::{patient_access_log, patients};

/// Longest request id kept (the table refuses longer ones).
const MAX_REQUEST_ID: usize = 64;

/// The insert of `record_all`: one access row for each patient `filter`
/// selects. A macro because the two filters are two types.
macro_rules! insert_rows {
    ($conn:expr, $who:expr, $action:expr, $succeeded:expr, $request_id:expr, $filter:expr) => {{
        let rows = patients::table.filter($filter).select((
            patients::id,
            $who.id.into_sql::<diesel::sql_types::Uuid>(),
            $who.role.as_str().into_sql::<diesel::sql_types::Text>(),
            $action.into_sql::<diesel::sql_types::Text>(),
            $succeeded.into_sql::<diesel::sql_types::Bool>(),
            $who.ip
                .as_deref()
                .into_sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>(),
            $request_id.into_sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>(),
        ));
        // Every audited request writes it: kept per tenant (kernel::db::Kept).
        PerTenant(
            diesel::insert_into(patient_access_log::table)
                .values(rows)
                .into_columns((
                    patient_access_log::patient_id,
                    patient_access_log::actor_id,
                    patient_access_log::actor_role,
                    patient_access_log::action,
                    patient_access_log::succeeded,
                    patient_access_log::ip,
                    patient_access_log::request_id,
                )),
        )
        .execute($conn)
    }};
}

/// Adds one access row for `patient_id`, if the patient exists; answers
/// whether it did. `action` is a lower-case word such as `read_chart`.
pub fn record(
    conn: &mut PgConnection,
    who: &Accessor,
    action: &'static str,
    patient_id: Uuid,
    succeeded: bool,
) -> QueryResult<bool> {
    record_all(conn, who, action, &[patient_id], succeeded).map(|written| written == 1)
}

/// Like [`record`], for every patient of `patient_ids` that exists, in
/// one statement: a request that reached many records (a sync) owes a row
/// to each. Answers how many rows were written.
pub fn record_all(
    conn: &mut PgConnection,
    who: &Accessor,
    action: &'static str,
    patient_ids: &[Uuid],
    succeeded: bool,
) -> QueryResult<usize> {
    let request_id = request_id(who);
    match patient_ids {
        [] => Ok(0),
        // One patient, nearly every audited request, by `=`: PostgreSQL
        // costs `= ANY($1)` for ten rows against one for the values given,
        // so it never settles on the kept plan and plans the insert again
        // at every run; `= $1` it plans once per connection and tenant.
        [one] => insert_rows!(
            conn,
            who,
            action,
            succeeded,
            request_id,
            patients::id.eq(one)
        ),
        many => insert_rows!(
            conn,
            who,
            action,
            succeeded,
            request_id,
            patients::id.eq_any(many)
        ),
    }
}

/// `read`, a statement of one patient whose id is its `$1`, writing the
/// access row of [`record`] as it runs: a `WITH` clause inserts it, so the
/// read and its row take one round trip. As with `record`, no row is
/// written when there is no such patient. `read` must be a plain SELECT
/// (no `WITH` of its own); the row says the access succeeded, since a
/// statement that fails takes its row with it.
pub fn logged<'a>(read: Kept<'a>, who: &'a Accessor, action: &'static str) -> Kept<'a> {
    let next = read.bound() + 1;
    let clause = format!(
        "WITH access AS (INSERT INTO patient_access_log \
         (patient_id, actor_id, actor_role, action, succeeded, ip, request_id) \
         SELECT id, ${}, ${}, ${}, true, ${}, ${} FROM patients WHERE id = $1) ",
        next,
        next + 1,
        next + 2,
        next + 3,
        next + 4
    );
    read.preceded_by(&clause)
        .bind::<SqlUuid, _>(who.id)
        .bind::<Text, _>(who.role.as_str())
        .bind::<Text, _>(action)
        .bind::<Nullable<Text>, _>(who.ip.as_deref())
        .bind::<Nullable<Text>, _>(request_id(who))
}

/// The request's id as the row keeps it: none when it is too long.
fn request_id(who: &Accessor) -> Option<&str> {
    who.request_id
        .as_deref()
        .filter(|id| id.len() <= MAX_REQUEST_ID)
}

/// One row of a patient's access log.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = patient_access_log)]
pub struct AccessEntry {
    pub id: i64,
    pub actor_id: Uuid,
    pub actor_role: String,
    pub action: String,
    pub succeeded: bool,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

/// The patient's access log, newest first, `limit` rows before the row
/// `before` (an id from an earlier page), or None when there is no such
/// patient.
pub fn list(
    conn: &mut PgConnection,
    patient_id: Uuid,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Option<Vec<AccessEntry>>> {
    let known: bool = diesel::select(exists(patients::table.filter(patients::id.eq(patient_id))))
        .get_result(conn)?;
    if !known {
        return Ok(None);
    }
    let mut query = patient_access_log::table
        .filter(patient_access_log::patient_id.eq(patient_id))
        .select(AccessEntry::as_select())
        .order(patient_access_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(patient_access_log::id.lt(before));
    }
    query.load(conn).map(Some)
}

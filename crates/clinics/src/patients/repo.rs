//! Patient queries. Table names are unqualified: they run inside a tenant
//! transaction whose search_path picks the tenant's schema.

use chrono::{DateTime, Utc};
use diesel::dsl::exists;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Float4, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use kernel::db::Kept;
use uuid::Uuid;

use super::error::PatientError;
use super::model::{Page, PatientRow, PatientSummary};
use super::search::{Cursor, ListFilter, Search};
use crate::schema::patients;
use kernel::schema::tenant::customers;

diesel::define_sql_function! {
    /// PostgreSQL's lower(): the search and list index on lower(name).
    fn lower(x: Text) -> Text;
}

/// Patients not archived: what the plan's `patients` limit counts, so a
/// clinic makes room by archiving (records are never deleted).
pub fn count_active(conn: &mut PgConnection) -> QueryResult<i64> {
    patients::table
        .filter(patients::archived_at.is_null())
        .count()
        .get_result(conn)
}

/// The database's clock, for the times stamped on a record (consents).
pub fn now(conn: &mut PgConnection) -> QueryResult<DateTime<Utc>> {
    diesel::select(diesel::dsl::now.into_sql::<Timestamptz>()).get_result(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> Result<PatientRow, PatientError> {
    patients::table
        .find(id)
        .select(PatientRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(PatientError::NotFound)
}

/// The row, locked until the transaction ends: changes to one patient
/// queue, so versions rise one at a time.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> Result<PatientRow, PatientError> {
    patients::table
        .find(id)
        .select(PatientRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or(PatientError::NotFound)
}

/// Makes sure `customer_id` is a live customer of the site that no other
/// patient (than `patient_id`) is. The customer's row is locked, so two
/// requests linking the same customer queue and the second is refused
/// here rather than by the unique index after the insert has drawn a code.
pub fn check_customer(
    conn: &mut PgConnection,
    customer_id: Uuid,
    patient_id: Uuid,
) -> Result<(), PatientError> {
    let live = customers::table
        .find(customer_id)
        .filter(customers::deleted_at.is_null())
        .filter(customers::erased_at.is_null())
        .select(customers::id)
        .for_update()
        .first::<Uuid>(conn)
        .optional()?;
    if live.is_none() {
        return Err(PatientError::invalid(
            "customer_id",
            "there is no such customer here (or the record was deleted or erased)",
        ));
    }
    let taken: bool = diesel::select(exists(
        patients::table
            .filter(patients::customer_id.eq(customer_id))
            .filter(patients::id.ne(patient_id)),
    ))
    .get_result(conn)?;
    if taken {
        return Err(PatientError::CustomerTaken);
    }
    Ok(())
}

type Pg = diesel::pg::Pg;
type Boxed<'a, ST> = patients::BoxedQuery<'a, Pg, ST>;

/// The filters every kind of search shares: archived or not, group,
/// favourites.
fn filtered<'a, ST>(mut query: Boxed<'a, ST>, filter: &ListFilter) -> Boxed<'a, ST> {
    query = if filter.archived {
        query.filter(patients::archived_at.is_not_null())
    } else {
        query.filter(patients::archived_at.is_null())
    };
    if let Some(group) = &filter.group {
        query = query.filter(patients::group_name.eq(group.clone()));
    }
    if filter.favourite_only {
        query = query.filter(patients::favourite);
    }
    query.limit(filter.limit + 1)
}

/// One page in the search's order: a single query that fetches one row
/// more than asked so it knows whether another page follows.
pub fn list(conn: &mut PgConnection, filter: &ListFilter) -> Result<Page, PatientError> {
    match &filter.search {
        Search::Name(q) => list_by_similarity(conn, q, filter),
        Search::Code(prefix) => list_by_code(conn, prefix, filter),
        Search::Phone(digits) => list_by_name(conn, Some(digits), filter),
        Search::All => list_by_name(conn, None, filter),
    }
}

/// Name order (lower(name), then id), optionally only phones holding
/// `digits`.
fn list_by_name(
    conn: &mut PgConnection,
    digits: Option<&String>,
    filter: &ListFilter,
) -> Result<Page, PatientError> {
    let mut query = filtered(
        patients::table
            .select((PatientSummary::as_select(), lower(patients::name)))
            .order((lower(patients::name), patients::id))
            .into_boxed(),
        filter,
    );
    if let Some(digits) = digits {
        query = query.filter(patients::phone.like(format!("%{digits}%")));
    }
    if let Some(Cursor::Name { n, id }) = &filter.after {
        query = query.filter(
            lower(patients::name).gt(n.clone()).or(lower(patients::name)
                .eq(n.clone())
                .and(patients::id.gt(*id))),
        );
    }
    let rows: Vec<(PatientSummary, String)> = query.load(conn)?;
    Ok(page(
        rows.into_iter()
            .map(|(summary, n)| {
                let id = summary.id;
                (summary, Cursor::Name { n, id })
            })
            .collect(),
        filter.limit,
    ))
}

/// Code prefix (upper-case, letters and digits only: no LIKE wildcard can
/// be in it), in code order.
fn list_by_code(
    conn: &mut PgConnection,
    prefix: &str,
    filter: &ListFilter,
) -> Result<Page, PatientError> {
    let mut query = filtered(
        patients::table
            .select(PatientSummary::as_select())
            .filter(patients::code.like(format!("{prefix}%")))
            .order(patients::code)
            .into_boxed(),
        filter,
    );
    if let Some(Cursor::Code { c }) = &filter.after {
        query = query.filter(patients::code.gt(c.clone()));
    }
    let rows: Vec<PatientSummary> = query.load(conn)?;
    Ok(page(
        rows.into_iter()
            .map(|summary| {
                let c = summary.code.clone();
                (summary, Cursor::Code { c })
            })
            .collect(),
        filter.limit,
    ))
}

/// Name search: similar names (the GIN index on lower(name) answers `%`),
/// most similar first, then by id. One call of `clinic_patient_search`
/// (in public, shared by the tenants; it reads the patients of the
/// transaction's tenant), whose generic plan PostgreSQL keeps per connection
/// and plans again when the tenant changes.
fn list_by_similarity(
    conn: &mut PgConnection,
    q: &str,
    filter: &ListFilter,
) -> Result<Page, PatientError> {
    let (after_score, after_id) = match &filter.after {
        Some(Cursor::Score { s, id }) => (Some(*s), Some(*id)),
        _ => (None, None),
    };
    let rows: Vec<Scored> =
        Kept::new("SELECT * FROM clinic_patient_search($1, $2, $3, $4, $5, $6, $7)")
            .bind::<Text, _>(q)
            .bind::<Bool, _>(filter.archived)
            .bind::<Nullable<Text>, _>(filter.group.as_deref())
            .bind::<Bool, _>(filter.favourite_only)
            .bind::<Nullable<Float4>, _>(after_score)
            .bind::<Nullable<SqlUuid>, _>(after_id)
            .bind::<BigInt, _>(filter.limit + 1)
            .load(conn)?;
    Ok(page(
        rows.into_iter()
            .map(|Scored { summary, score }| {
                let id = summary.id;
                (summary, Cursor::Score { s: score, id })
            })
            .collect(),
        filter.limit,
    ))
}

/// A row of `clinic_patient_search`: the patient's columns and the score.
#[derive(QueryableByName)]
struct Scored {
    #[diesel(embed)]
    summary: PatientSummary,
    #[diesel(sql_type = Float4)]
    score: f32,
}

/// The first `limit` rows and, when there were more, the cursor after the
/// last one shown.
fn page(mut rows: Vec<(PatientSummary, Cursor)>, limit: i64) -> Page {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let next_cursor = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(_, cursor)| cursor.encode())
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(|(summary, _)| summary).collect(),
        next_cursor,
    }
}

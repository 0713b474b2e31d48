//! Plan queries, in the tenant's transaction (unqualified table names: the
//! search_path picks the tenant's schema).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Timestamptz};
use uuid::Uuid;

use super::error::PlanError;
use super::model::{PlanContent, PlanRow, PlanStatus, PlanView};
use super::schema::treatment_plans;
use crate::schema::patients;

/// The most plans a patient's list shows: a patient has a handful.
pub const MAX_LISTED: i64 = 100;

/// Whether the patient exists and is not archived: Ok(None) when there is
/// no such patient.
pub(crate) fn patient_archived(
    conn: &mut PgConnection,
    patient_id: Uuid,
) -> QueryResult<Option<bool>> {
    patients::table
        .find(patient_id)
        .select(patients::archived_at.is_not_null())
        .first(conn)
        .optional()
}

/// The patient a plan is for.
pub fn patient_of(conn: &mut PgConnection, plan_id: Uuid) -> Result<Uuid, PlanError> {
    treatment_plans::table
        .find(plan_id)
        .select(treatment_plans::patient_id)
        .first(conn)
        .optional()?
        .ok_or(PlanError::NotFound)
}

/// The (not archived) patient a customer of the site is, if any.
pub fn patient_of_customer(
    conn: &mut PgConnection,
    customer_id: Uuid,
) -> QueryResult<Option<Uuid>> {
    patients::table
        .filter(patients::customer_id.eq(customer_id))
        .filter(patients::archived_at.is_null())
        .select(patients::id)
        .first(conn)
        .optional()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The patient's completed appointments from the plan's start (midnight in
/// the site's time zone `tz`) until it was completed, if it was. Plain SQL:
/// `bookings.patient_id` belongs to the clinic, not to the bookings schema.
fn sessions_attended(conn: &mut PgConnection, row: &PlanRow, tz: &str) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT count(*) AS n FROM bookings \
         WHERE patient_id = $1 AND status = 'completed' \
           AND starts_at >= ($2::timestamp AT TIME ZONE $3) \
           AND ($4::timestamptz IS NULL OR starts_at < $4)",
    )
    .bind::<diesel::sql_types::Uuid, _>(row.patient_id)
    .bind::<Date, _>(row.starts_on)
    .bind::<Text, _>(tz)
    .bind::<Nullable<Timestamptz>, _>(row.completed_at)
    .get_result::<Count>(conn)
    .map(|c| c.n)
}

pub(crate) fn view(conn: &mut PgConnection, row: PlanRow, tz: &str) -> Result<PlanView, PlanError> {
    let attended = sessions_attended(conn, &row, tz)?;
    PlanView::of(row, attended)
}

pub(crate) fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    patient_id: Uuid,
    created_by: Uuid,
    content: &PlanContent,
) -> Result<PlanRow, PlanError> {
    Ok(diesel::insert_into(treatment_plans::table)
        .values((
            treatment_plans::id.eq(id),
            treatment_plans::patient_id.eq(patient_id),
            treatment_plans::goals.eq(&content.goals),
            treatment_plans::sessions_planned.eq(content.sessions_planned),
            treatment_plans::exercises.eq(content.exercises_json()?),
            treatment_plans::starts_on.eq(content.starts_on),
            treatment_plans::review_on.eq(content.review_on),
            treatment_plans::status.eq(content.status),
            treatment_plans::created_by.eq(created_by),
        ))
        .returning(PlanRow::as_returning())
        .get_result(conn)?)
}

pub(crate) fn find(conn: &mut PgConnection, id: Uuid) -> Result<PlanRow, PlanError> {
    treatment_plans::table
        .find(id)
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(PlanError::NotFound)
}

pub(crate) fn lock(conn: &mut PgConnection, id: Uuid) -> Result<PlanRow, PlanError> {
    treatment_plans::table
        .find(id)
        .select(PlanRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or(PlanError::NotFound)
}

/// Writes the plan's new content. `completed_at` is set when the plan
/// becomes completed, kept while it stays so, cleared when it is active
/// again.
pub(crate) fn rewrite(
    conn: &mut PgConnection,
    before: &PlanRow,
    content: &PlanContent,
) -> Result<PlanRow, PlanError> {
    let completed_at: Option<DateTime<Utc>> = match (before.status, content.status) {
        (_, PlanStatus::Active) => None,
        (PlanStatus::Completed, PlanStatus::Completed) => before.completed_at,
        (PlanStatus::Active, PlanStatus::Completed) => Some(Utc::now()),
    };
    Ok(diesel::update(treatment_plans::table.find(before.id))
        .set((
            treatment_plans::goals.eq(&content.goals),
            treatment_plans::sessions_planned.eq(content.sessions_planned),
            treatment_plans::exercises.eq(content.exercises_json()?),
            treatment_plans::starts_on.eq(content.starts_on),
            treatment_plans::review_on.eq(content.review_on),
            treatment_plans::status.eq(content.status),
            treatment_plans::completed_at.eq(completed_at),
            treatment_plans::version.eq(treatment_plans::version + 1),
            treatment_plans::updated_at.eq(diesel::dsl::now),
        ))
        .returning(PlanRow::as_returning())
        .get_result(conn)?)
}

/// The patient's plans, newest first; only active ones when `active_only`.
pub(crate) fn of_patient(
    conn: &mut PgConnection,
    patient_id: Uuid,
    active_only: bool,
) -> QueryResult<Vec<PlanRow>> {
    let mut query = treatment_plans::table
        .filter(treatment_plans::patient_id.eq(patient_id))
        .select(PlanRow::as_select())
        .order((
            treatment_plans::created_at.desc(),
            treatment_plans::id.desc(),
        ))
        .limit(MAX_LISTED)
        .into_boxed();
    if active_only {
        query = query.filter(treatment_plans::status.eq(PlanStatus::Active));
    }
    query.load(conn)
}

/// Today in the site's time zone, and the zone's name.
pub(crate) fn today(conn: &mut PgConnection) -> Result<(NaiveDate, String), PlanError> {
    let settings = bookings::settings::get(conn).map_err(kernel::error::AppError::from)?;
    let tz = settings.tz();
    Ok((
        Utc::now().with_timezone(&tz).date_naive(),
        tz.name().to_string(),
    ))
}

//! GET /clinic/no-shows: per staff member, the patients' appointments in
//! a range of days and how many were missed.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Text, Uuid as SqlUuid};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::ReportError;
use super::range::{site_today, DateRange};
use crate::appointments::Attendance;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoShowQuery {
    /// First day (YYYY-MM-DD, the site's calendar); 90 days before `to` by default.
    pub from: Option<String>,
    /// Last day, included; today by default. At most 731 days after `from`.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NoShows {
    pub range: DateRange,
    pub time_zone: String,
    /// Staff members with at least one patient appointment in the range,
    /// by name.
    pub staff: Vec<StaffNoShows>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StaffNoShows {
    pub staff_id: Uuid,
    pub name: String,
    /// The patients' appointments that held a time (not cancelled).
    pub appointments: i64,
    /// Attended (arrived or completed) and missed, with the rate of the two.
    #[serde(flatten)]
    pub attendance: Attendance,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    staff_id: Uuid,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    appointments: i64,
    #[diesel(sql_type = BigInt)]
    attended: i64,
    #[diesel(sql_type = BigInt)]
    no_shows: i64,
}

/// The first instant of `from` and of the day after `to`, in `tz`, as SQL
/// binds: the range is compared on `starts_at` itself so its index serves.
pub(super) const STARTS_IN_RANGE: &str = "b.starts_at >= ($1::timestamp AT TIME ZONE $3)
     AND b.starts_at < (($2 + 1)::timestamp AT TIME ZONE $3)";

pub fn no_shows(conn: &mut PgConnection, query: &NoShowQuery) -> Result<NoShows, ReportError> {
    let (tz, today) = site_today(conn)?;
    let range = DateRange::parse(query.from.as_deref(), query.to.as_deref(), today)?;
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT st.id AS staff_id, st.name,
                count(*) AS appointments,
                count(*) FILTER (WHERE b.status IN ('arrived', 'completed')) AS attended,
                count(*) FILTER (WHERE b.status = 'no_show') AS no_shows
         FROM bookings b JOIN staff st ON st.id = b.staff_id
         WHERE b.patient_id IS NOT NULL
           AND b.status NOT IN ('cancelled', 'awaiting_confirmation')
           AND {STARTS_IN_RANGE}
         GROUP BY st.id, st.name
         ORDER BY st.name, st.id"
    ))
    .bind::<Date, _>(range.from)
    .bind::<Date, _>(range.to)
    .bind::<Text, _>(&tz)
    .load(conn)?;
    Ok(NoShows {
        range,
        time_zone: tz,
        staff: rows
            .into_iter()
            .map(|r| StaffNoShows {
                staff_id: r.staff_id,
                name: r.name,
                appointments: r.appointments,
                attendance: Attendance::of(r.attended, r.no_shows),
            })
            .collect(),
    })
}

//! GET /clinic/reports: per week or month of the site's calendar, the
//! visits (completed appointments), new patients, revenue (payments taken
//! on clinic invoices, per currency) and no-shows.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, Months, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::ReportError;
use super::no_shows::STARTS_IN_RANGE;
use super::range::{site_today, DateRange};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// `week` (from Monday) or `month`; `month` by default.
    pub period: Option<String>,
    /// First day (YYYY-MM-DD, the site's calendar); 90 days before `to` by default.
    pub from: Option<String>,
    /// Last day, included; today by default. At most 731 days after `from`.
    pub to: Option<String>,
    /// Only this staff member's visits and no-shows (new patients and
    /// revenue are the clinic's).
    pub staff_id: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ClinicReport)]
pub struct Report {
    /// week or month.
    pub period: &'static str,
    pub range: DateRange,
    pub time_zone: String,
    pub staff_id: Option<Uuid>,
    /// Every week or month the range touches, oldest first, empty ones
    /// included (the first and last may cover part of their period).
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Bucket {
    /// The Monday or first of the month the bucket starts on.
    pub start: NaiveDate,
    pub visits: i64,
    pub new_patients: i64,
    pub no_shows: i64,
    /// Per currency, by code.
    pub revenue: Vec<Revenue>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Revenue {
    pub currency: String,
    pub amount_cents: i64,
}

#[derive(Clone, Copy)]
enum Period {
    Week,
    Month,
}

impl Period {
    fn parse(raw: Option<&str>) -> Result<Self, ReportError> {
        match raw.unwrap_or("month") {
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(ReportError::invalid("period", "give week or month")),
        }
    }

    /// PostgreSQL's `date_trunc` unit; weeks start on Monday there too.
    fn unit(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
        }
    }

    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Week => start.checked_add_signed(Duration::days(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
        }
    }
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Date)]
    bucket: NaiveDate,
    #[diesel(sql_type = BigInt)]
    visits: i64,
    #[diesel(sql_type = BigInt)]
    no_shows: i64,
}

#[derive(QueryableByName)]
struct NewPatients {
    #[diesel(sql_type = Date)]
    bucket: NaiveDate,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Paid {
    #[diesel(sql_type = Date)]
    bucket: NaiveDate,
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = BigInt)]
    cents: i64,
}

/// `$1` from, `$2` to, `$3` the time zone, `$4` the period: the bucket an
/// instant column falls in, and the range test on it.
fn bucket_of(column: &str) -> String {
    format!("date_trunc($4, {column} AT TIME ZONE $3)::date")
}

fn in_range(column: &str) -> String {
    format!(
        "{column} >= ($1::timestamp AT TIME ZONE $3) \
         AND {column} < (($2 + 1)::timestamp AT TIME ZONE $3)"
    )
}

pub fn report(conn: &mut PgConnection, query: &ReportQuery) -> Result<Report, ReportError> {
    let period = Period::parse(query.period.as_deref())?;
    let staff_id = query
        .staff_id
        .as_deref()
        .map(|s| {
            Uuid::parse_str(s)
                .map_err(|_| ReportError::invalid("staff_id", "give a staff member's id"))
        })
        .transpose()?;
    let (tz, today) = site_today(conn)?;
    let range = DateRange::parse(query.from.as_deref(), query.to.as_deref(), today)?;
    let mut buckets = empty_buckets(period, range);

    let counted: Vec<Counted> = diesel::sql_query(format!(
        "SELECT {} AS bucket,
                count(*) FILTER (WHERE b.status = 'completed') AS visits,
                count(*) FILTER (WHERE b.status = 'no_show') AS no_shows
         FROM bookings b
         WHERE b.patient_id IS NOT NULL AND {STARTS_IN_RANGE}
           AND ($5::uuid IS NULL OR b.staff_id = $5)
         GROUP BY 1",
        bucket_of("b.starts_at")
    ))
    .bind::<Date, _>(range.from)
    .bind::<Date, _>(range.to)
    .bind::<Text, _>(&tz)
    .bind::<Text, _>(period.unit())
    .bind::<Nullable<SqlUuid>, _>(staff_id)
    .load(conn)?;
    for c in counted {
        if let Some(b) = buckets.get_mut(&c.bucket) {
            b.visits = c.visits;
            b.no_shows = c.no_shows;
        }
    }

    let created: Vec<NewPatients> = diesel::sql_query(format!(
        "SELECT {} AS bucket, count(*) AS n FROM patients WHERE {} GROUP BY 1",
        bucket_of("created_at"),
        in_range("created_at")
    ))
    .bind::<Date, _>(range.from)
    .bind::<Date, _>(range.to)
    .bind::<Text, _>(&tz)
    .bind::<Text, _>(period.unit())
    .load(conn)?;
    for c in created {
        if let Some(b) = buckets.get_mut(&c.bucket) {
            b.new_patients = c.n;
        }
    }

    let paid: Vec<Paid> = diesel::sql_query(format!(
        "SELECT {} AS bucket, i.currency, sum(p.amount_cents)::bigint AS cents
         FROM clinic_invoice_payments p JOIN clinic_invoices i ON i.id = p.invoice_id
         WHERE {} GROUP BY 1, 2 ORDER BY 1, 2",
        bucket_of("p.recorded_at"),
        in_range("p.recorded_at")
    ))
    .bind::<Date, _>(range.from)
    .bind::<Date, _>(range.to)
    .bind::<Text, _>(&tz)
    .bind::<Text, _>(period.unit())
    .load(conn)?;
    for p in paid {
        if let Some(b) = buckets.get_mut(&p.bucket) {
            b.revenue.push(Revenue {
                currency: p.currency,
                amount_cents: p.cents,
            });
        }
    }

    Ok(Report {
        period: period.unit(),
        range,
        time_zone: tz,
        staff_id,
        buckets: buckets.into_values().collect(),
    })
}

/// Every bucket the range touches, keyed by its first day.
fn empty_buckets(period: Period, range: DateRange) -> BTreeMap<NaiveDate, Bucket> {
    let mut buckets = BTreeMap::new();
    let mut start = Some(period.start_of(range.from));
    while let Some(s) = start.filter(|s| *s <= range.to) {
        buckets.insert(
            s,
            Bucket {
                start: s,
                ..Bucket::default()
            },
        );
        start = period.next(s);
    }
    buckets
}

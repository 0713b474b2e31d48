//! A staff member's hours: weekly rules, date overrides and time off.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::staff::find;
use kernel::error::{AppError, AppResult};
use kernel::schema::tenant::{availability_overrides, availability_rules, time_off};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleBody {
    /// 0 = Monday ... 6 = Sunday.
    pub weekday: i16,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesBody {
    pub rules: Vec<RuleBody>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    #[serde(default)]
    pub closed: bool,
    #[serde(default)]
    pub ranges: Vec<RangeBody>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeBody {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeOffBody {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, Queryable)]
pub struct TimeOff {
    pub id: Uuid,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OverrideView {
    pub date: NaiveDate,
    pub closed: bool,
    pub ranges: Vec<RangeBody>,
}

pub fn parse_time(field_name: &str, raw: &str) -> AppResult<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw.trim(), "%H:%M:%S"))
        .map_err(|_| {
            AppError::invalid(
                field_name,
                format!("{raw:?} is not a time of day like 09:30"),
            )
        })
}

/// A range's end may be "24:00" (midnight at the end of the day).
pub fn parse_range(field_name: &str, start: &str, end: &str) -> AppResult<(NaiveTime, NaiveTime)> {
    let s = parse_time(field_name, start)?;
    let e = if end.trim() == "24:00" {
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
    } else {
        parse_time(field_name, end)?
    };
    if e <= s {
        return Err(AppError::invalid(
            field_name,
            format!("the range {start}-{end} ends before it starts"),
        ));
    }
    Ok((s, e))
}

pub fn fmt_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

#[derive(Debug, Serialize)]
pub struct Availability {
    pub staff_id: Uuid,
    pub rules: Vec<RuleBody>,
    pub overrides: Vec<OverrideView>,
    pub time_off: Vec<TimeOff>,
}

pub fn load_availability(conn: &mut PgConnection, staff_id: Uuid) -> AppResult<Availability> {
    find(conn, staff_id)?;
    let rules: Vec<(i16, NaiveTime, NaiveTime)> = availability_rules::table
        .filter(availability_rules::staff_id.eq(staff_id))
        .order((availability_rules::weekday, availability_rules::start_time))
        .select((
            availability_rules::weekday,
            availability_rules::start_time,
            availability_rules::end_time,
        ))
        .load(conn)?;
    let overrides: Vec<(NaiveDate, Option<NaiveTime>, Option<NaiveTime>)> =
        availability_overrides::table
            .filter(availability_overrides::staff_id.eq(staff_id))
            .order((
                availability_overrides::date,
                availability_overrides::start_time,
            ))
            .select((
                availability_overrides::date,
                availability_overrides::start_time,
                availability_overrides::end_time,
            ))
            .load(conn)?;
    let mut views: Vec<OverrideView> = Vec::new();
    for (date, start, end) in overrides {
        if views.last().map(|v| v.date) != Some(date) {
            views.push(OverrideView {
                date,
                closed: false,
                ranges: vec![],
            });
        }
        if let Some(view) = views.last_mut() {
            match (start, end) {
                (Some(s), Some(e)) => view.ranges.push(RangeBody {
                    start: fmt_time(s),
                    end: fmt_time(e),
                }),
                _ => view.closed = true,
            }
        }
    }
    let time_off = time_off::table
        .filter(time_off::staff_id.eq(staff_id))
        .filter(time_off::ends_at.gt(diesel::dsl::now))
        .order(time_off::starts_at)
        .select((
            time_off::id,
            time_off::starts_at,
            time_off::ends_at,
            time_off::reason,
        ))
        .load(conn)?;
    Ok(Availability {
        staff_id,
        rules: rules
            .into_iter()
            .map(|(weekday, s, e)| RuleBody {
                weekday,
                start: fmt_time(s),
                end: fmt_time(e),
            })
            .collect(),
        overrides: views,
        time_off,
    })
}

pub fn clear_override(conn: &mut PgConnection, id: Uuid, date: NaiveDate) -> QueryResult<usize> {
    diesel::delete(
        availability_overrides::table
            .filter(availability_overrides::staff_id.eq(id))
            .filter(availability_overrides::date.eq(date)),
    )
    .execute(conn)
}

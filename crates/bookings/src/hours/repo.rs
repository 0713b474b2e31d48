//! Weekly rules, date overrides and time off of one staff member.

use chrono::{NaiveDate, NaiveTime};
use diesel::prelude::*;
use uuid::Uuid;

use super::model::{fmt_time, NewTimeOff, OverrideView, RangeBody, RuleBody, StaffHours, TimeOff};
use kernel::schema::tenant::{availability_overrides, availability_rules, time_off};

pub(super) fn load(conn: &mut PgConnection, staff_id: Uuid) -> QueryResult<StaffHours> {
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
    Ok(StaffHours {
        staff_id,
        rules: rules
            .into_iter()
            .map(|(weekday, s, e)| RuleBody {
                weekday,
                start: fmt_time(s),
                end: fmt_time(e),
            })
            .collect(),
        overrides: override_views(overrides),
        time_off,
    })
}

/// Rows of one date become one view; a row without times means closed.
fn override_views(
    rows: Vec<(NaiveDate, Option<NaiveTime>, Option<NaiveTime>)>,
) -> Vec<OverrideView> {
    let mut views: Vec<OverrideView> = Vec::new();
    for (date, start, end) in rows {
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
    views
}

pub(super) fn replace_rules(
    conn: &mut PgConnection,
    staff_id: Uuid,
    rules: &[(i16, NaiveTime, NaiveTime)],
) -> QueryResult<()> {
    diesel::delete(availability_rules::table.filter(availability_rules::staff_id.eq(staff_id)))
        .execute(conn)?;
    let rows: Vec<_> = rules
        .iter()
        .map(|(w, s, e)| {
            (
                availability_rules::id.eq(Uuid::new_v4()),
                availability_rules::staff_id.eq(staff_id),
                availability_rules::weekday.eq(*w),
                availability_rules::start_time.eq(*s),
                availability_rules::end_time.eq(*e),
            )
        })
        .collect();
    diesel::insert_into(availability_rules::table)
        .values(rows)
        .execute(conn)
        .map(|_| ())
}

pub(super) fn clear_override(
    conn: &mut PgConnection,
    staff_id: Uuid,
    date: NaiveDate,
) -> QueryResult<()> {
    diesel::delete(
        availability_overrides::table
            .filter(availability_overrides::staff_id.eq(staff_id))
            .filter(availability_overrides::date.eq(date)),
    )
    .execute(conn)
    .map(|_| ())
}

/// One row per range; a closed day is one row without times.
pub(super) fn insert_override(
    conn: &mut PgConnection,
    staff_id: Uuid,
    date: NaiveDate,
    ranges: &[(NaiveTime, NaiveTime)],
) -> QueryResult<()> {
    let rows: Vec<(Option<NaiveTime>, Option<NaiveTime>)> = if ranges.is_empty() {
        vec![(None, None)]
    } else {
        ranges.iter().map(|(s, e)| (Some(*s), Some(*e))).collect()
    };
    for (s, e) in rows {
        diesel::insert_into(availability_overrides::table)
            .values((
                availability_overrides::id.eq(Uuid::new_v4()),
                availability_overrides::staff_id.eq(staff_id),
                availability_overrides::date.eq(date),
                availability_overrides::start_time.eq(s),
                availability_overrides::end_time.eq(e),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub(super) fn insert_time_off(
    conn: &mut PgConnection,
    staff_id: Uuid,
    new: &NewTimeOff,
) -> QueryResult<TimeOff> {
    diesel::insert_into(time_off::table)
        .values((
            time_off::id.eq(Uuid::new_v4()),
            time_off::staff_id.eq(staff_id),
            time_off::starts_at.eq(new.from),
            time_off::ends_at.eq(new.to),
            time_off::reason.eq(&new.reason),
        ))
        .returning((
            time_off::id,
            time_off::starts_at,
            time_off::ends_at,
            time_off::reason,
        ))
        .get_result(conn)
}

pub(super) fn delete_time_off(
    conn: &mut PgConnection,
    staff_id: Uuid,
    id: Uuid,
) -> QueryResult<usize> {
    diesel::delete(
        time_off::table
            .filter(time_off::id.eq(id))
            .filter(time_off::staff_id.eq(staff_id)),
    )
    .execute(conn)
}

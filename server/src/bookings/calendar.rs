//! Loads what the availability engine needs for one service and a date range:
//! the settings, the service, and each eligible staff member's hours, time
//! off and existing bookings.

use std::collections::HashMap;
use std::ops::Bound;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::model::TimeRange;
use super::services::{self, Service};
use super::settings::{self, BookingSettings};
use super::slots::{
    available_slots, local_instant, Interval, LocalRange, ServiceShape, Slot, SlotRules,
    StaffCalendar,
};
use crate::error::{AppError, AppResult};
use crate::schema::tenant::{
    availability_overrides, availability_rules, bookings, staff, staff_services, time_off,
};

/// Statuses whose bookings hold their time.
pub const HOLDING: [&str; 2] = ["pending", "confirmed"];

pub struct Context {
    pub settings: BookingSettings,
    pub service: Service,
    pub calendars: Vec<StaffCalendar>,
}

impl Context {
    pub fn shape(&self) -> ServiceShape {
        ServiceShape {
            duration: Duration::minutes(i64::from(self.service.duration_minutes)),
            buffer_before: Duration::minutes(i64::from(self.service.buffer_before_minutes)),
            buffer_after: Duration::minutes(i64::from(self.service.buffer_after_minutes)),
        }
    }

    pub fn rules(&self) -> SlotRules {
        SlotRules {
            interval: Duration::minutes(i64::from(self.settings.slot_interval_minutes)),
            min_notice: Duration::minutes(i64::from(self.settings.min_notice_minutes)),
            window: Duration::days(i64::from(self.settings.booking_window_days)),
        }
    }

    pub fn slots(&self, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Vec<Slot> {
        available_slots(
            self.settings.tz(),
            from,
            to,
            now,
            &self.rules(),
            &self.shape(),
            &self.calendars,
        )
    }

    /// The same slots as if no booking held any time: what the schedule offers.
    pub fn offered(&self, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Vec<Slot> {
        let open: Vec<StaffCalendar> = self
            .calendars
            .iter()
            .map(|c| StaffCalendar {
                busy: Vec::new(),
                ..c.clone()
            })
            .collect();
        available_slots(
            self.settings.tz(),
            from,
            to,
            now,
            &self.rules(),
            &self.shape(),
            &open,
        )
    }

    /// The local date of an instant in the tenant's zone.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.settings.tz()).date_naive()
    }
}

pub struct Query {
    pub service_id: Uuid,
    pub staff_id: Option<Uuid>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A booking being moved does not block itself.
    pub ignore_booking: Option<Uuid>,
}

fn to_interval(range: TimeRange) -> Option<Interval> {
    match range {
        (
            Bound::Included(start) | Bound::Excluded(start),
            Bound::Included(end) | Bound::Excluded(end),
        ) => Some(Interval { start, end }),
        _ => None,
    }
}

pub fn load(conn: &mut PgConnection, q: &Query) -> AppResult<Context> {
    let settings = settings::load(conn)?;
    let service = services::find(conn, q.service_id)?;
    if !service.active {
        return Err(AppError::not_found(
            "service_not_found",
            "This service is not bookable.",
        ));
    }
    let mut staff_query = staff_services::table
        .inner_join(staff::table)
        .filter(staff_services::service_id.eq(q.service_id))
        .filter(staff::active.eq(true))
        .filter(staff::deleted_at.is_null())
        .select(staff::id)
        .order(staff::id)
        .into_boxed();
    if let Some(id) = q.staff_id {
        staff_query = staff_query.filter(staff::id.eq(id));
    }
    let staff_ids: Vec<Uuid> = staff_query.load(conn)?;
    if let (Some(_), true) = (q.staff_id, staff_ids.is_empty()) {
        return Err(AppError::invalid(
            "staff_id",
            "this staff member does not perform this service",
        ));
    }

    let tz = settings.tz();
    // Wide enough for any buffer on either side of the range.
    let lower = local_instant(tz, q.from, NaiveTime::MIN) - Duration::days(1);
    let upper = local_instant(tz, q.to, NaiveTime::MIN) + Duration::days(2);

    let rules: Vec<(Uuid, i16, NaiveTime, NaiveTime)> = availability_rules::table
        .filter(availability_rules::staff_id.eq_any(&staff_ids))
        .select((
            availability_rules::staff_id,
            availability_rules::weekday,
            availability_rules::start_time,
            availability_rules::end_time,
        ))
        .load(conn)?;
    let overrides: Vec<(Uuid, NaiveDate, Option<NaiveTime>, Option<NaiveTime>)> =
        availability_overrides::table
            .filter(availability_overrides::staff_id.eq_any(&staff_ids))
            .filter(availability_overrides::date.between(q.from, q.to))
            .select((
                availability_overrides::staff_id,
                availability_overrides::date,
                availability_overrides::start_time,
                availability_overrides::end_time,
            ))
            .load(conn)?;
    let offs: Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)> = time_off::table
        .filter(time_off::staff_id.eq_any(&staff_ids))
        .filter(time_off::starts_at.lt(upper))
        .filter(time_off::ends_at.gt(lower))
        .select((time_off::staff_id, time_off::starts_at, time_off::ends_at))
        .load(conn)?;
    let mut busy_query = bookings::table
        .filter(bookings::staff_id.eq_any(&staff_ids))
        .filter(bookings::status.eq_any(HOLDING))
        .filter(bookings::starts_at.lt(upper))
        .filter(bookings::ends_at.gt(lower))
        .select((bookings::staff_id, bookings::blocked))
        .into_boxed();
    if let Some(id) = q.ignore_booking {
        busy_query = busy_query.filter(bookings::id.ne(id));
    }
    let busy: Vec<(Uuid, TimeRange)> = busy_query.load(conn)?;

    let mut calendars: HashMap<Uuid, StaffCalendar> = staff_ids
        .iter()
        .map(|id| {
            (
                *id,
                StaffCalendar {
                    staff_id: *id,
                    ..Default::default()
                },
            )
        })
        .collect();
    for (id, weekday, start, end) in rules {
        if let (Some(cal), Ok(day)) = (calendars.get_mut(&id), usize::try_from(weekday)) {
            if let Some(ranges) = cal.weekly.get_mut(day) {
                ranges.push(LocalRange { start, end });
            }
        }
    }
    for (id, date, start, end) in overrides {
        if let Some(cal) = calendars.get_mut(&id) {
            // A "closed" row (no times) leaves the date with no ranges.
            let ranges = cal.overrides.entry(date).or_default();
            if let (Some(start), Some(end)) = (start, end) {
                ranges.push(LocalRange { start, end });
            }
        }
    }
    for (id, start, end) in offs {
        if let Some(cal) = calendars.get_mut(&id) {
            cal.time_off.push(Interval { start, end });
        }
    }
    for (id, range) in busy {
        if let (Some(cal), Some(interval)) = (calendars.get_mut(&id), to_interval(range)) {
            cal.busy.push(interval);
        }
    }
    let mut calendars: Vec<StaffCalendar> = calendars.into_values().collect();
    calendars.sort_by_key(|c| c.staff_id);
    Ok(Context {
        settings,
        service,
        calendars,
    })
}

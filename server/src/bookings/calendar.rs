//! Loads what the availability engine needs for one service and a date range:
//! the settings, the service, and each eligible staff member's hours, time
//! off and existing bookings.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use diesel::dsl;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Nullable, SmallInt, Text, Time, Timestamptz};
use uuid::Uuid;

use super::services::Service;
use super::settings::BookingSettings;
use super::slots::{
    available_slots, local_instant, Interval, LocalRange, ServiceShape, Slot, SlotRules,
    StaffCalendar,
};
use crate::error::{AppError, AppResult};
use crate::schema::tenant::{booking_settings, services};

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

/// One row of the calendar query: which kind of fact it is, and the
/// columns that kind uses (the others are NULL).
#[derive(QueryableByName)]
struct CalendarRow {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    staff_id: Uuid,
    #[diesel(sql_type = Nullable<SmallInt>)]
    weekday: Option<i16>,
    #[diesel(sql_type = Nullable<Date>)]
    date: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Time>)]
    start_time: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Time>)]
    end_time: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    starts_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    ends_at: Option<DateTime<Utc>>,
}

/// Everything about the eligible staff in one round trip: who they are,
/// their weekly rules, the overrides in the range, and the time off and
/// bookings near it. Availability is a hot public endpoint; one query
/// instead of five is most of its speed.
const CALENDAR_SQL: &str = "
WITH eligible AS (
    SELECT s.id AS staff_id
    FROM staff_services ss JOIN staff s ON s.id = ss.staff_id
    WHERE ss.service_id = $1 AND s.active AND s.deleted_at IS NULL
      AND ($2::uuid IS NULL OR s.id = $2)
)
SELECT 'staff' AS kind, staff_id, NULL::int2 AS weekday, NULL::date AS date,
       NULL::time AS start_time, NULL::time AS end_time,
       NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at
FROM eligible
UNION ALL
SELECT 'rule', r.staff_id, r.weekday, NULL, r.start_time, r.end_time, NULL, NULL
FROM availability_rules r JOIN eligible USING (staff_id)
UNION ALL
SELECT 'override', o.staff_id, NULL, o.date, o.start_time, o.end_time, NULL, NULL
FROM availability_overrides o JOIN eligible USING (staff_id)
WHERE o.date BETWEEN $3 AND $4
UNION ALL
SELECT 'off', t.staff_id, NULL, NULL, NULL, NULL, t.starts_at, t.ends_at
FROM time_off t JOIN eligible USING (staff_id)
WHERE t.starts_at < $6 AND t.ends_at > $5
UNION ALL
SELECT 'busy', b.staff_id, NULL, NULL, NULL, NULL, lower(b.blocked), upper(b.blocked)
FROM bookings b JOIN eligible USING (staff_id)
WHERE b.status IN ('pending', 'confirmed') -- Status::holds_time
  AND b.starts_at < $6 AND b.ends_at > $5
  AND ($7::uuid IS NULL OR b.id <> $7)";

fn service_and_settings(
    conn: &mut PgConnection,
    service_id: Uuid,
) -> AppResult<(Service, BookingSettings)> {
    services::table
        .inner_join(booking_settings::table.on(dsl::sql::<Bool>("true")))
        .filter(services::id.eq(service_id))
        .filter(services::deleted_at.is_null())
        .select((Service::as_select(), BookingSettings::as_select()))
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found("service_not_found", "There is no such service."))
}

pub fn load(conn: &mut PgConnection, q: &Query) -> AppResult<Context> {
    let (service, settings) = service_and_settings(conn, q.service_id)?;
    if !service.active {
        return Err(AppError::not_found(
            "service_not_found",
            "This service is not bookable.",
        ));
    }
    let tz = settings.tz();
    // Wide enough for any buffer on either side of the range.
    let lower = local_instant(tz, q.from, NaiveTime::MIN) - Duration::days(1);
    let upper = local_instant(tz, q.to, NaiveTime::MIN) + Duration::days(2);
    let rows: Vec<CalendarRow> = diesel::sql_query(CALENDAR_SQL)
        .bind::<diesel::sql_types::Uuid, _>(q.service_id)
        .bind::<Nullable<diesel::sql_types::Uuid>, _>(q.staff_id)
        .bind::<Date, _>(q.from)
        .bind::<Date, _>(q.to)
        .bind::<Timestamptz, _>(lower)
        .bind::<Timestamptz, _>(upper)
        .bind::<Nullable<diesel::sql_types::Uuid>, _>(q.ignore_booking)
        .load(conn)?;

    let mut calendars: HashMap<Uuid, StaffCalendar> = HashMap::new();
    for row in rows.iter().filter(|r| r.kind == "staff") {
        calendars.insert(
            row.staff_id,
            StaffCalendar {
                staff_id: row.staff_id,
                ..Default::default()
            },
        );
    }
    if q.staff_id.is_some() && calendars.is_empty() {
        return Err(AppError::invalid(
            "staff_id",
            "this staff member does not perform this service",
        ));
    }
    for row in rows {
        let Some(cal) = calendars.get_mut(&row.staff_id) else {
            continue;
        };
        let range = row
            .start_time
            .zip(row.end_time)
            .map(|(start, end)| LocalRange { start, end });
        let interval = row
            .starts_at
            .zip(row.ends_at)
            .map(|(start, end)| Interval { start, end });
        match row.kind.as_str() {
            "rule" => {
                let day = row.weekday.and_then(|w| usize::try_from(w).ok());
                if let (Some(ranges), Some(range)) =
                    (day.and_then(|d| cal.weekly.get_mut(d)), range)
                {
                    ranges.push(range);
                }
            }
            "override" => {
                if let Some(date) = row.date {
                    // A "closed" row (no times) leaves the date with no ranges.
                    let ranges = cal.overrides.entry(date).or_default();
                    ranges.extend(range);
                }
            }
            "off" => cal.time_off.extend(interval),
            "busy" => cal.busy.extend(interval),
            _ => {}
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

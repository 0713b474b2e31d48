//! Loads what the availability engine needs for one service and a date range:
//! the settings, the service, and each eligible staff member's hours, time
//! off and existing bookings.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use diesel::dsl;
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Date, Nullable, SmallInt, Text, Time, Timestamptz};
use uuid::Uuid;

use crate::error::{BookingError, Missing};
use crate::services::Service;
use crate::settings::BookingSettings;
use crate::slots::{
    available_slots, local_instant, Interval, LocalRange, ServiceShape, Slot, SlotRules,
    StaffCalendar,
};
use kernel::schema::tenant::{booking_settings, services};

pub struct Context {
    pub settings: BookingSettings,
    pub service: Service,
    pub calendars: Vec<StaffCalendar>,
}

impl Context {
    pub fn shape(&self) -> ServiceShape {
        self.service.shape()
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

impl Query {
    /// The days around a requested `start` (its UTC date and one either
    /// side, enough for any zone), for booking or moving to it. A start
    /// outside the accepted years is the client's error, named as such.
    pub fn around(
        service_id: Uuid,
        staff_id: Option<Uuid>,
        start: DateTime<Utc>,
        ignore_booking: Option<Uuid>,
    ) -> Result<Self, BookingError> {
        let start = BookingError::field("start", kernel::input::bounded_instant(start))?;
        let day = start.date_naive();
        let (Some(from), Some(to)) = (day.pred_opt(), day.succ_opt()) else {
            return Err(BookingError::invalid("start", "is too far from today"));
        };
        Ok(Query {
            service_id,
            staff_id,
            from,
            to,
            ignore_booking,
        })
    }
}

/// The instants a query's dates span, widened by a day before and two after
/// for any buffer. Callers bound the dates (kernel::input::YEARS); this is
/// checked all the same, so no query can make the arithmetic panic.
fn instants(tz: chrono_tz::Tz, q: &Query) -> Result<(DateTime<Utc>, DateTime<Utc>), BookingError> {
    let lower = local_instant(tz, q.from, NaiveTime::MIN).checked_sub_signed(Duration::days(1));
    let upper = local_instant(tz, q.to, NaiveTime::MIN).checked_add_signed(Duration::days(2));
    lower
        .zip(upper)
        .ok_or_else(|| BookingError::InvalidRange("The dates are too far from today.".into()))
}

/// What changes only when someone edits the schedule: the settings, the
/// service, and who performs it with their weekly hours. Availability reads
/// it through the schedule cache; bookings load it fresh.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub settings: BookingSettings,
    pub service: Service,
    /// Staff performing the service (sorted by id), with their weekly hours.
    pub staff: Vec<(Uuid, [Vec<LocalRange>; 7])>,
}

#[derive(QueryableByName)]
struct StaffRuleRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    staff_id: Uuid,
    #[diesel(sql_type = Nullable<SmallInt>)]
    weekday: Option<i16>,
    #[diesel(sql_type = Nullable<Time>)]
    start_time: Option<NaiveTime>,
    #[diesel(sql_type = Nullable<Time>)]
    end_time: Option<NaiveTime>,
}

/// The staff performing a service, each with their weekly rules (or one row
/// of NULLs for a member without any).
const STAFF_RULES_SQL: &str = "
SELECT s.id AS staff_id, r.weekday, r.start_time, r.end_time
FROM staff_services ss
JOIN staff s ON s.id = ss.staff_id
LEFT JOIN availability_rules r ON r.staff_id = s.id
WHERE ss.service_id = $1 AND s.active AND s.deleted_at IS NULL";

fn load_schedule(conn: &mut PgConnection, service_id: Uuid) -> Result<Schedule, BookingError> {
    let (service, settings): (Service, BookingSettings) = services::table
        .inner_join(booking_settings::table.on(dsl::sql::<Bool>("true")))
        .filter(services::id.eq(service_id))
        .filter(services::deleted_at.is_null())
        .select((Service::as_select(), BookingSettings::as_select()))
        .first(conn)
        .optional()?
        .ok_or(BookingError::NotFound(Missing::Service))?;
    let rows: Vec<StaffRuleRow> = kernel::db::Kept::new(STAFF_RULES_SQL)
        .bind::<diesel::sql_types::Uuid, _>(service_id)
        .load(conn)?;
    let mut staff: Vec<(Uuid, [Vec<LocalRange>; 7])> = Vec::new();
    for row in rows {
        let index = match staff.iter().position(|(id, _)| *id == row.staff_id) {
            Some(i) => i,
            None => {
                staff.push((row.staff_id, Default::default()));
                staff.len() - 1
            }
        };
        let day = row.weekday.and_then(|w| usize::try_from(w).ok());
        let range = row
            .start_time
            .zip(row.end_time)
            .map(|(start, end)| LocalRange { start, end });
        if let (Some(weekly), Some(range)) = (day.and_then(|d| staff[index].1.get_mut(d)), range) {
            weekly.push(range);
        }
    }
    staff.sort_by_key(|(id, _)| *id);
    Ok(Schedule {
        settings,
        service,
        staff,
    })
}

/// One row of the query for what changes all the time: date overrides,
/// time off and bookings near the range. The kind says which columns it uses.
#[derive(QueryableByName)]
struct DynamicRow {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    staff_id: Uuid,
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

/// One round trip, simple scans only: with tenants' schemas taking turns on
/// a connection, PostgreSQL plans each statement again, so fewer and simpler
/// statements are most of this endpoint's speed.
const DYNAMIC_SQL: &str = "
SELECT 'override' AS kind, o.staff_id, o.date, o.start_time, o.end_time,
       NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at
FROM availability_overrides o
WHERE o.staff_id = ANY($1) AND o.date BETWEEN $2 AND $3
UNION ALL
SELECT 'off', t.staff_id, NULL, NULL, NULL, t.starts_at, t.ends_at
FROM time_off t
WHERE t.staff_id = ANY($1) AND t.starts_at < $5 AND t.ends_at > $4
UNION ALL
SELECT 'busy', b.staff_id, NULL, NULL, NULL, lower(b.blocked), upper(b.blocked)
FROM bookings b
WHERE b.staff_id = ANY($1) AND b.status IN ('pending', 'confirmed', 'arrived') -- Status::holds_time
  AND b.starts_at < $5 AND b.ends_at > $4 AND ($6::uuid IS NULL OR b.id <> $6)";

/// The context for a query: the schedule (from `cached` when given, else
/// loaded) plus the overrides, time off and bookings of the range.
pub fn load_with(
    conn: &mut PgConnection,
    q: &Query,
    cached: Option<std::sync::Arc<Schedule>>,
) -> Result<(Context, Option<Schedule>), BookingError> {
    let (schedule, fresh) = match cached {
        Some(s) => ((*s).clone(), None),
        None => {
            let s = load_schedule(conn, q.service_id)?;
            (s.clone(), Some(s))
        }
    };
    let Schedule {
        settings,
        service,
        staff,
    } = schedule;
    if !service.active {
        return Err(BookingError::NotFound(Missing::BookableService));
    }
    let staff: Vec<(Uuid, [Vec<LocalRange>; 7])> = staff
        .into_iter()
        .filter(|(id, _)| q.staff_id.is_none_or(|wanted| wanted == *id))
        .collect();
    if q.staff_id.is_some() && staff.is_empty() {
        return Err(BookingError::invalid(
            "staff_id",
            "this staff member does not perform this service",
        ));
    }
    let tz = settings.tz();
    let (lower, upper) = instants(tz, q)?;
    let ids: Vec<Uuid> = staff.iter().map(|(id, _)| *id).collect();
    let rows: Vec<DynamicRow> = kernel::db::Kept::new(DYNAMIC_SQL)
        .bind::<Array<diesel::sql_types::Uuid>, _>(&ids)
        .bind::<Date, _>(q.from)
        .bind::<Date, _>(q.to)
        .bind::<Timestamptz, _>(lower)
        .bind::<Timestamptz, _>(upper)
        .bind::<Nullable<diesel::sql_types::Uuid>, _>(q.ignore_booking)
        .load(conn)?;
    let mut calendars: Vec<StaffCalendar> = staff
        .into_iter()
        .map(|(staff_id, weekly)| StaffCalendar {
            staff_id,
            weekly,
            ..Default::default()
        })
        .collect();
    for row in rows {
        let Some(cal) = calendars.iter_mut().find(|c| c.staff_id == row.staff_id) else {
            continue;
        };
        let interval = row
            .starts_at
            .zip(row.ends_at)
            .map(|(start, end)| Interval { start, end });
        match row.kind.as_str() {
            "override" => {
                if let Some(date) = row.date {
                    // A "closed" row (no times) leaves the date with no ranges.
                    let ranges = cal.overrides.entry(date).or_default();
                    ranges.extend(
                        row.start_time
                            .zip(row.end_time)
                            .map(|(start, end)| LocalRange { start, end }),
                    );
                }
            }
            "off" => cal.time_off.extend(interval),
            "busy" => cal.busy.extend(interval),
            _ => {}
        }
    }
    Ok((
        Context {
            settings,
            service,
            calendars,
        },
        fresh,
    ))
}

/// The context with everything loaded fresh (bookings and changes).
pub fn load(conn: &mut PgConnection, q: &Query) -> Result<Context, BookingError> {
    load_with(conn, q, None).map(|(ctx, _)| ctx)
}

#[cfg(test)]
#[path = "calendar_test.rs"]
mod tests;

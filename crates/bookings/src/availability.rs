//! GET /services/{id}/availability: the bookable slots of a service, the
//! hottest public read. The schedule comes from the cache when it can.

use chrono::{NaiveDate, Utc};
use diesel::PgConnection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::{self, Query};
use crate::error::BookingError;
use crate::schedule_cache::Schedules;

/// Longest range one query may ask for.
pub const MAX_DAYS: i64 = 62;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// The first local date, in the tenant's time zone.
    #[param(pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-")]
    pub from: NaiveDate,
    /// The last local date (inclusive), at most 62 days after `from`.
    #[param(pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-")]
    pub to: NaiveDate,
    /// Only this staff member's slots.
    pub staff_id: Option<Uuid>,
}

/// A checked query: `from` to `to` (local dates, inclusive), at most
/// `MAX_DAYS` days.
#[derive(Debug)]
pub struct SlotQuery {
    service_id: Uuid,
    staff_id: Option<Uuid>,
    from: NaiveDate,
    to: NaiveDate,
}

impl SlotQuery {
    pub fn parse(service_id: Uuid, q: AvailabilityQuery) -> Result<Self, BookingError> {
        let from = query_date("from", q.from)?;
        let to = query_date("to", q.to)?;
        if to < from {
            return Err(BookingError::InvalidRange(
                "\"to\" must not be before \"from\".".into(),
            ));
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(BookingError::InvalidRange(format!(
                "Ask for at most {MAX_DAYS} days at a time."
            )));
        }
        Ok(SlotQuery {
            service_id,
            staff_id: q.staff_id,
            from,
            to,
        })
    }
}

/// A date a query names, within the years the calendar works in: further
/// out, the engine's arithmetic would overflow and the database refuse it.
pub(crate) fn query_date(field: &'static str, date: NaiveDate) -> Result<NaiveDate, BookingError> {
    kernel::input::bounded_date(date)
        .map_err(|message| BookingError::InvalidQuery { field, message })
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Availability {
    pub service_id: Uuid,
    /// The tenant's zone, in which the dates were read.
    pub time_zone: String,
    pub slots: Vec<SlotView>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SlotView {
    /// RFC 3339 in UTC: send it back as a booking's `start`.
    #[schema(format = DateTime)]
    pub start: String,
    #[schema(format = DateTime)]
    pub end: String,
    pub staff_id: Uuid,
}

/// RFC 3339 in UTC with a Z, the form the booking endpoint accepts back.
pub(crate) fn rfc3339(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn slots(
    conn: &mut PgConnection,
    schedules: &Schedules,
    q: &SlotQuery,
) -> Result<Availability, BookingError> {
    let query = Query {
        service_id: q.service_id,
        staff_id: q.staff_id,
        from: q.from,
        to: q.to,
        ignore_booking: None,
    };
    let cached = schedules.get(q.service_id);
    let (ctx, fresh) = calendar::load_with(conn, &query, cached)?;
    if let Some(schedule) = fresh {
        schedules.put(q.service_id, schedule);
    }
    let slots = ctx
        .slots(q.from, q.to, Utc::now())
        .into_iter()
        .map(|s| SlotView {
            start: rfc3339(s.start),
            end: rfc3339(s.end),
            staff_id: s.staff_id,
        })
        .collect();
    Ok(Availability {
        service_id: q.service_id,
        time_zone: ctx.settings.time_zone,
        slots,
    })
}

#[cfg(test)]
#[path = "availability_test.rs"]
mod tests;

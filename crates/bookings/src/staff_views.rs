//! What staff do with bookings: the calendar, one booking with its history,
//! status changes and rescheduling.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::PgConnection;
use serde::Deserialize;
use uuid::Uuid;

use crate::availability::query_date;
use crate::changes::{self, Actor};
use crate::error::{BookingError, Missing};
use crate::model::{actor_label, BookingRow, BookingView, HistoryView, Reason, Status};
use crate::repo;
use crate::settings;
use crate::slots::local_instant;
use identity::tokens::AuthUser;
use tenancy::Site;

/// Longest calendar range one request may ask for.
pub const MAX_CALENDAR_DAYS: i64 = 93;
/// Most bookings one calendar answer lists.
const CALENDAR_LIMIT: i64 = 2000;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// A local date (YYYY-MM-DD, from the start of that day in the
    /// tenant's zone) or an RFC 3339 instant.
    #[param(
        example = "2026-03-02",
        pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"
    )]
    pub from: String,
    /// Like `from`; a date means the end of that day. At most 93 days
    /// after `from`.
    #[param(
        example = "2026-03-08",
        pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"
    )]
    pub to: String,
    pub staff_id: Option<Uuid>,
    #[param(value_type = Option<Status>)]
    pub status: Option<String>,
}

/// A calendar query with its status read. The bounds are read in the
/// tenant's zone, so `calendar` reads them once it has the settings.
#[derive(Debug)]
pub struct CalendarFilter {
    from: String,
    to: String,
    staff_id: Option<Uuid>,
    status: Option<Status>,
}

impl CalendarFilter {
    pub fn parse(q: CalendarQuery) -> Result<Self, BookingError> {
        let status = q
            .status
            .as_deref()
            .map(|s| {
                Status::parse(s).ok_or_else(|| BookingError::InvalidQuery {
                    field: "status",
                    message: format!("{s:?} is not one of {}", Status::choices()),
                })
            })
            .transpose()?;
        Ok(CalendarFilter {
            from: q.from,
            to: q.to,
            staff_id: q.staff_id,
            status,
        })
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    #[schema(value_type = Status)]
    pub status: String,
    #[serde(default)]
    #[schema(max_length = 500, pattern = r"^[^\u0000]*$")]
    pub reason: Option<String>,
}

/// A checked status change.
#[derive(Debug)]
pub struct StatusChange {
    to: Status,
    reason: Reason,
}

impl StatusChange {
    pub fn parse(b: StatusBody) -> Result<Self, BookingError> {
        let to = Status::parse(&b.status).ok_or_else(|| {
            BookingError::invalid("status", format!("must be one of {}", Status::choices()))
        })?;
        Ok(StatusChange {
            to,
            reason: Reason::parse(b.reason.as_deref())?,
        })
    }
}

/// One booking with every change it went through.
#[derive(Debug)]
pub struct BookingDetail {
    pub booking: BookingView,
    pub history: Vec<HistoryView>,
}

/// A calendar bound: a local date (the start of that day in the tenant's
/// zone; for `to`, the end of it) or an exact RFC 3339 instant.
fn bound(
    raw: &str,
    tz: chrono_tz::Tz,
    end_of_day: bool,
    field: &'static str,
) -> Result<DateTime<Utc>, BookingError> {
    if let Ok(at) = DateTime::parse_from_rfc3339(raw) {
        return kernel::input::bounded_instant(at.with_timezone(&Utc))
            .map_err(|message| BookingError::InvalidQuery { field, message });
    }
    let date =
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| BookingError::InvalidQuery {
            field,
            message: format!("{raw:?} is neither a date (YYYY-MM-DD) nor an RFC 3339 time"),
        })?;
    let date = query_date(field, date)?;
    let date = if end_of_day {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    Ok(local_instant(tz, date, NaiveTime::MIN))
}

/// The bookings overlapping the range, by start then staff member.
pub fn calendar(
    conn: &mut PgConnection,
    filter: &CalendarFilter,
) -> Result<Vec<BookingView>, BookingError> {
    let tz = settings::repo::load(conn)?.tz();
    let from = bound(&filter.from, tz, false, "from")?;
    let to = bound(&filter.to, tz, true, "to")?;
    if to <= from || (to - from).num_days() > MAX_CALENDAR_DAYS {
        return Err(BookingError::InvalidRange(format!(
            "\"to\" must be after \"from\", at most {MAX_CALENDAR_DAYS} days later."
        )));
    }
    let rows = repo::overlapping(
        conn,
        from,
        to,
        filter.staff_id,
        filter.status,
        CALENDAR_LIMIT,
    )?;
    Ok(rows.iter().map(BookingView::from).collect())
}

pub fn show(conn: &mut PgConnection, id: Uuid) -> Result<BookingDetail, BookingError> {
    let booking = repo::find(conn, id)?.ok_or(BookingError::NotFound(Missing::Booking))?;
    let history = repo::history(conn, id)?;
    Ok(BookingDetail {
        booking: BookingView::from(&booking),
        history,
    })
}

fn locked(conn: &mut PgConnection, id: Uuid) -> Result<BookingRow, BookingError> {
    repo::find_for_update(conn, id)?.ok_or(BookingError::NotFound(Missing::Booking))
}

pub fn set_status(
    conn: &mut PgConnection,
    site: &Site,
    by: &AuthUser,
    id: Uuid,
    change: &StatusChange,
) -> Result<BookingView, BookingError> {
    let booking = locked(conn, id)?;
    let label = actor_label(Some(by));
    let actor = Actor {
        label: &label,
        site,
        via_link: false,
    };
    let row = changes::transition(conn, &actor, &booking, change.to, change.reason.as_deref())?;
    Ok(BookingView::from(&row))
}

/// Another offered, free start with the same staff member.
pub fn reschedule(
    conn: &mut PgConnection,
    site: &Site,
    by: &AuthUser,
    id: Uuid,
    start: DateTime<Utc>,
) -> Result<BookingView, BookingError> {
    let booking = locked(conn, id)?;
    let label = actor_label(Some(by));
    let actor = Actor {
        label: &label,
        site,
        via_link: false,
    };
    let row = changes::reschedule(conn, &actor, &booking, start)?;
    Ok(BookingView::from(&row))
}

#[cfg(test)]
#[path = "staff_views_test.rs"]
mod tests;

//! The customer's manage link: see, cancel or reschedule a booking with the
//! token from the confirmation mail, no account needed. Changes are allowed
//! until the tenant's cancellation notice before the start.

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::availability::rfc3339;
use crate::changes::{self, Actor};
use crate::error::{BookingError, Change};
use crate::model::{BookingRow, Reason, Status};
use crate::repo;
use crate::settings::{self, BookingSettings};
use identity::secrets;
use tenancy::Site;

/// Who the history says made a change through the link.
const ACTOR: &str = "customer:manage-link";

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    /// At most 500 characters.
    #[serde(default)]
    #[schema(max_length = 500, pattern = r"^[^\u0000]*$")]
    pub reason: Option<String>,
}

/// The booking as its customer sees it through the link.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ManageView {
    pub id: Uuid,
    pub status: Status,
    #[schema(format = DateTime)]
    pub start: String,
    #[schema(format = DateTime)]
    pub end: String,
    /// The service's name.
    pub service: String,
    /// The staff member's name.
    pub staff: String,
    pub time_zone: String,
    /// Whether cancel and reschedule still work.
    pub can_change: bool,
    #[schema(format = DateTime)]
    pub change_deadline: String,
}

/// The booking a token opens, locked for a change when `lock`.
fn by_token(conn: &mut PgConnection, token: &str, lock: bool) -> Result<BookingRow, BookingError> {
    let hash = secrets::hash_presented(token).ok_or(BookingError::InvalidLink)?;
    repo::find_by_token_hash(conn, hash, lock)?.ok_or(BookingError::InvalidLink)
}

/// Until when the customer may still change the booking.
fn change_deadline(b: &BookingRow, s: &BookingSettings) -> DateTime<Utc> {
    b.starts_at - s.cancellation_notice()
}

pub(crate) fn check_window(
    b: &BookingRow,
    s: &BookingSettings,
    change: Change,
) -> Result<(), BookingError> {
    if !b.status.holds_time() {
        return Err(BookingError::BookingNotActive {
            status: b.status,
            change,
            via_link: true,
        });
    }
    let deadline = change_deadline(b, s);
    if Utc::now() > deadline {
        return Err(BookingError::TooLateToChange {
            change,
            notice_minutes: s.cancellation_notice_minutes,
            deadline,
        });
    }
    Ok(())
}

pub(crate) fn view(
    conn: &mut PgConnection,
    b: &BookingRow,
    s: &BookingSettings,
) -> Result<ManageView, BookingError> {
    let (service, staff) = repo::names(conn, b)?;
    let deadline = change_deadline(b, s);
    Ok(ManageView {
        id: b.id,
        status: b.status,
        start: rfc3339(b.starts_at),
        end: rfc3339(b.ends_at),
        service,
        staff,
        time_zone: s.time_zone.clone(),
        can_change: b.status.holds_time() && Utc::now() <= deadline,
        change_deadline: rfc3339(deadline),
    })
}

fn actor(site: &Site) -> Actor<'_> {
    Actor {
        label: ACTOR,
        site,
        via_link: true,
    }
}

pub fn show(conn: &mut PgConnection, token: &str) -> Result<ManageView, BookingError> {
    let b = by_token(conn, token, false)?;
    let s = settings::repo::load(conn)?;
    view(conn, &b, &s)
}

pub fn cancel(
    conn: &mut PgConnection,
    site: &Site,
    token: &str,
    reason: &Reason,
) -> Result<ManageView, BookingError> {
    let b = by_token(conn, token, true)?;
    let s = settings::repo::load(conn)?;
    check_window(&b, &s, Change::Cancel)?;
    let row = changes::transition(conn, &actor(site), &b, Status::Cancelled, reason.as_deref())?;
    view(conn, &row, &s)
}

pub fn reschedule(
    conn: &mut PgConnection,
    site: &Site,
    token: &str,
    start: DateTime<Utc>,
) -> Result<ManageView, BookingError> {
    let b = by_token(conn, token, true)?;
    let s = settings::repo::load(conn)?;
    check_window(&b, &s, Change::Reschedule)?;
    let row = changes::reschedule(conn, &actor(site), &b, start)?;
    view(conn, &row, &s)
}

//! A booking, its statuses and the transitions allowed between them.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::availability::rfc3339;
use crate::error::BookingError;
use kernel::schema::tenant::bookings;

kernel::text_enum! {
    /// Where a booking is in its life (bookings.status).
    pub enum Status {
        /// A guest's request on a tenant that asks for email confirmation:
        /// it holds no time until confirmed (see `email_confirmation`).
        AwaitingConfirmation => "awaiting_confirmation",
        Pending => "pending",
        Confirmed => "confirmed",
        /// At the desk: checked in for the appointment (clinics).
        Arrived => "arrived",
        Cancelled => "cancelled",
        Completed => "completed",
        NoShow => "no_show",
    }
}

impl Status {
    /// pending -> confirmed | cancelled; confirmed -> arrived | cancelled |
    /// completed | no_show; arrived -> completed; the others are final. A request awaiting its email
    /// confirmation becomes a booking only through its link, which checks
    /// the slot is still free, never through a change of status.
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Status::Pending, Status::Confirmed | Status::Cancelled)
                | (
                    Status::Confirmed,
                    Status::Arrived | Status::Cancelled | Status::Completed | Status::NoShow
                )
                | (Status::Arrived, Status::Completed)
        )
    }

    /// Still holds its time on the staff member's calendar (the exclusion
    /// constraints of the bookings table list the same statuses).
    pub fn holds_time(self) -> bool {
        matches!(self, Status::Pending | Status::Confirmed | Status::Arrived)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = bookings, check_for_backend(diesel::pg::Pg))]
pub(crate) struct BookingRow {
    pub id: Uuid,
    pub service_id: Uuid,
    pub staff_id: Uuid,
    pub customer_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: Status,
    pub notes: Option<String>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A booking as the API and webhooks show it. Deserialize too: an
/// idempotent retry is answered from the stored copy.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BookingView {
    pub id: Uuid,
    pub service_id: Uuid,
    pub staff_id: Uuid,
    pub customer_id: Uuid,
    /// RFC 3339, in UTC.
    #[schema(format = DateTime)]
    pub start: String,
    #[schema(format = DateTime)]
    pub end: String,
    pub status: Status,
    pub notes: Option<String>,
    /// The iCalendar SEQUENCE: rises with each change mailed to the customer.
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&BookingRow> for BookingView {
    fn from(b: &BookingRow) -> Self {
        BookingView {
            id: b.id,
            service_id: b.service_id,
            staff_id: b.staff_id,
            customer_id: b.customer_id,
            start: rfc3339(b.starts_at),
            end: rfc3339(b.ends_at),
            status: b.status,
            notes: b.notes.clone(),
            sequence: b.sequence,
            created_at: b.created_at,
            updated_at: b.updated_at,
        }
    }
}

/// A new booking, and the token of the customer's manage link: shown this
/// once (and mailed), stored only hashed.
#[derive(Debug, Clone)]
pub struct Booked {
    pub booking: BookingView,
    pub manage_token: String,
}

/// POST .../reschedule, by staff or through the manage link.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleBody {
    /// An offered start (see the service's availability), RFC 3339.
    #[schema(pattern = r"^(19[7-9][0-9]|[2-9][0-9]{3})-")]
    pub start: DateTime<Utc>,
}

/// One change in a booking's history.
#[derive(Debug, Serialize, Queryable, utoipa::ToSchema)]
pub struct HistoryView {
    /// "guest", "customer:manage-link" or "<role>:<user id>".
    pub actor: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub reason: Option<String>,
    /// What else changed, such as the new start of a reschedule.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub at: DateTime<Utc>,
}

/// Why a booking changed, as staff or the customer wrote it.
#[derive(Debug, Clone, Default)]
pub struct Reason(Option<String>);

impl Reason {
    /// Free text of at most 500 characters; blank is no reason.
    pub fn parse(raw: Option<&str>) -> Result<Self, BookingError> {
        BookingError::field("reason", kernel::input::optional_long_text(raw, 500)).map(Reason)
    }

    pub(crate) fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// A `[start, end)` range, the form of bookings.blocked.
pub(crate) type TimeRange = (Bound<DateTime<Utc>>, Bound<DateTime<Utc>>);

pub(crate) fn held_range(start: DateTime<Utc>, end: DateTime<Utc>) -> TimeRange {
    (Bound::Included(start), Bound::Excluded(end))
}

/// Who made a change, as the history shows it.
pub(crate) fn actor_label(user: Option<&identity::tokens::AuthUser>) -> String {
    user.map_or_else(|| "guest".into(), identity::AuthUser::label)
}

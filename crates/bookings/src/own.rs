//! A signed-in customer's own bookings: the list their account page shows,
//! and cancelling one of them. The same rules as the manage link (the
//! cancellation notice, only bookings that still hold time), but the
//! booking is found by the account's customer record instead of a token,
//! and one of another customer is as unknown as a missing one.

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use uuid::Uuid;

use crate::changes::{self, Actor};
use crate::error::{BookingError, Change, Missing};
use crate::manage::{check_window, view, ManageView};
use crate::model::{BookingRow, Reason, Status};
use crate::repo;
use crate::settings;
use tenancy::Site;

/// The most bookings the account page lists (the latest ones).
const LIST_LIMIT: i64 = 200;

/// Upcoming bookings soonest first; past ones latest first.
#[derive(Debug)]
pub struct OwnBookings {
    pub upcoming: Vec<ManageView>,
    pub past: Vec<ManageView>,
}

/// Which rows are still to come at `now` (soonest first) and which are
/// past (latest first), from rows in any order.
fn split(mut rows: Vec<BookingRow>, now: DateTime<Utc>) -> (Vec<BookingRow>, Vec<BookingRow>) {
    rows.sort_by_key(|b| b.starts_at);
    let (upcoming, mut past): (Vec<_>, Vec<_>) = rows.into_iter().partition(|b| b.ends_at > now);
    past.reverse();
    (upcoming, past)
}

pub fn list(conn: &mut PgConnection, customer_id: Uuid) -> Result<OwnBookings, BookingError> {
    let s = settings::repo::load(conn)?;
    let rows = repo::of_customer(conn, customer_id, LIST_LIMIT)?;
    let (upcoming, past) = split(rows, Utc::now());
    let mut views = |rows: Vec<BookingRow>| -> Result<Vec<ManageView>, BookingError> {
        rows.iter().map(|b| view(conn, b, &s)).collect()
    };
    Ok(OwnBookings {
        upcoming: views(upcoming)?,
        past: views(past)?,
    })
}

/// Cancels one of the customer's bookings, inside the site's notice.
pub fn cancel(
    conn: &mut PgConnection,
    site: &Site,
    customer_id: Uuid,
    booking_id: Uuid,
    reason: &Reason,
) -> Result<ManageView, BookingError> {
    let b = repo::find_for_update(conn, booking_id)?
        .filter(|b| b.customer_id == customer_id)
        .ok_or(BookingError::NotFound(Missing::Booking))?;
    let s = settings::repo::load(conn)?;
    check_window(&b, &s, Change::Cancel)?;
    let label = format!("customer:{customer_id}");
    let actor = Actor {
        label: &label,
        site,
        via_link: false,
    };
    let row = changes::transition(conn, &actor, &b, Status::Cancelled, reason.as_deref())?;
    view(conn, &row, &s)
}

#[cfg(test)]
#[path = "own_test.rs"]
mod tests;

//! Email confirmation of a guest's booking, on a tenant that asks for it
//! (`require_email_confirmation`): an anonymous form must not let anyone
//! hold a slot, or have a business mail its confirmation, for an address
//! they do not read.
//!
//! The guest's booking is stored as a request (`awaiting_confirmation`)
//! that holds no time, and the guest gets one mail: a single-use link,
//! stored hashed, working for the tenant's `email_confirmation_minutes`.
//! Confirming turns the request into a booking if its time is still free,
//! and only then do the usual confirmation, staff note, reminder and
//! webhooks go out; if someone booked the time meanwhile it answers so. A
//! request nobody confirms never held anything; it is deleted a day after
//! its link expired (the day keeps a late click answered as "expired").

mod mail;
mod repo;

use chrono::Utc;
use diesel::PgConnection;
use serde::Deserialize;
use serde_json::json;

use crate::calendar::{self, Query};
use crate::create::free_staff_at;
use crate::error::BookingError;
use crate::events::{self, Event};
use crate::limits;
use crate::model::{held_range, Booked, BookingRow, BookingView, Status};
use crate::repo::{self as bookings_repo, HistoryEntry};
use crate::settings::BookingSettings;
use identity::secrets;
use identity::tokens::AuthUser;
use tenancy::Site;

/// Who the history says confirmed a request.
const ACTOR: &str = "customer:email-confirmation";
/// Where the mailed link points: the site's page that posts the token.
const LINK_PATH: &str = "/bookings/confirm";

/// POST /bookings/confirm.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = BookingConfirmation)]
pub struct ConfirmBody {
    /// The token of the link mailed for the request.
    pub token: String,
}

/// A guest (nobody signed in) books on a tenant that asks for confirmation.
pub(crate) fn required(settings: &BookingSettings, user: Option<&AuthUser>) -> bool {
    settings.require_email_confirmation && user.is_none()
}

/// Gives a request just stored its link, and mails it; nothing else is
/// sent. `any_staff`: the guest named no staff member.
pub(crate) fn request(
    conn: &mut PgConnection,
    site: &Site,
    request: &BookingRow,
    settings: &BookingSettings,
    any_staff: bool,
) -> Result<(), BookingError> {
    repo::delete_long_expired(conn)?;
    let link = secrets::generate();
    let expires_at = Utc::now() + settings.email_confirmation_window();
    repo::insert(conn, request.id, &link.hash, expires_at, any_staff)?;
    mail::send_link(
        conn,
        site,
        request,
        &site.link(LINK_PATH, &link.plain),
        settings.email_confirmation_minutes,
    )
}

/// Confirms the request a mailed token names: it becomes a confirmed
/// booking with a new manage link (mailed, and answered here), unless its
/// time is taken or no longer offered. The customer may then hold at most
/// `max_pending` upcoming bookings, as when booking without confirmation.
pub fn confirm(
    conn: &mut PgConnection,
    site: &Site,
    token: &str,
    max_pending: u32,
) -> Result<Booked, BookingError> {
    let hash = secrets::hash_presented(token).ok_or(BookingError::ConfirmationInvalid)?;
    let link = repo::find_by_token_hash(conn, hash)?.ok_or(BookingError::ConfirmationInvalid)?;
    if link.expires_at < Utc::now() {
        return Err(BookingError::ConfirmationExpired);
    }
    let request = bookings_repo::find_for_update(conn, link.booking_id)?
        .filter(|b| b.status == Status::AwaitingConfirmation)
        .ok_or(BookingError::ConfirmationInvalid)?;
    limits::check_pending(conn, request.customer_id, max_pending)?;
    let row = take_slot(conn, &request, link.any_staff)?;
    repo::delete(conn, request.id)?;
    // The token given when the request was made stops working: the manage
    // link goes to whoever proved they read the mail.
    let manage = secrets::generate();
    bookings_repo::set_manage_token_hash(conn, row.id, &manage.hash)?;
    bookings_repo::record(
        conn,
        HistoryEntry {
            booking_id: row.id,
            actor: ACTOR,
            from: Some(request.status),
            to: row.status,
            reason: None,
            detail: json!({ "start": row.starts_at, "staff_id": row.staff_id }),
        },
    )?;
    events::emit(
        conn,
        site,
        &row,
        Event::Created {
            manage_token: &manage.plain,
        },
    )?;
    Ok(Booked {
        booking: BookingView::from(&row),
        manage_token: manage.plain,
    })
}

/// Turns the request into a confirmed booking at its time, with its staff
/// member if free, else (when the guest named none) another free one.
fn take_slot(
    conn: &mut PgConnection,
    request: &BookingRow,
    any_staff: bool,
) -> Result<BookingRow, BookingError> {
    let staff = (!any_staff).then_some(request.staff_id);
    let start = request.starts_at;
    let query = Query::around(request.service_id, staff, start, Some(request.id))?;
    let ctx = calendar::load(conn, &query)?;
    let mut candidates = match free_staff_at(&ctx, start, Utc::now()) {
        Err(BookingError::SlotNotOffered { .. }) => return Err(BookingError::SlotNoLongerOffered),
        other => other?,
    };
    candidates.sort_by_key(|id| *id != request.staff_id);
    bookings_repo::lock_calendars(conn, &candidates)?;
    let shape = ctx.shape();
    let held = shape.blocked(start);
    for staff_id in candidates {
        let taken = repo::take(
            conn,
            request.id,
            staff_id,
            start + shape.duration,
            held_range(held.start, held.end),
        );
        match taken {
            Ok(row) => return Ok(row),
            Err(e) if bookings_repo::is_overlap(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(BookingError::SlotUnavailable)
}

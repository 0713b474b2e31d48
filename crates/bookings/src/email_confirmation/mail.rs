//! The one mail a request gets: its confirmation link. No calendar
//! invitation and no staff note: nothing is booked yet.

use diesel::PgConnection;

use crate::error::BookingError;
use crate::events::{parties, when};
use crate::model::BookingRow;
use notify::mail::{self, Mail};
use tenancy::Site;

pub(super) fn send_link(
    conn: &mut PgConnection,
    site: &Site,
    request: &BookingRow,
    link: &str,
    minutes: i32,
) -> Result<(), BookingError> {
    let p = parties(conn, request)?;
    // A guest always gives an address; without one there is nobody to ask.
    let Some(to) = p.customer_email else {
        return Ok(());
    };
    let site_name = &site.tenant.name;
    let at = when(request.starts_at, p.tz);
    let text = format!(
        "Hello {},\n\nYou asked {site_name} to book:\n\n{} with {}\n{at}\n\n\
         The time is not held for you until you confirm. To confirm, open this \
         link within {minutes} minutes:\n{link}\n\n\
         If you did not ask for this, ignore this mail: nothing is booked.\n\n{site_name}\n",
        p.customer_name, p.service, p.staff_name
    );
    mail::enqueue(
        conn,
        site.tenant.id,
        &Mail::Plain {
            to,
            subject: format!("Please confirm your booking: {} on {at}", p.service),
            text,
            calendar: None,
        },
    )?;
    Ok(())
}

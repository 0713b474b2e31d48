//! The iCalendar invitation attached to booking mails. The UID is stable for
//! the life of a booking and SEQUENCE rises with each change, so a calendar
//! updates (or, with METHOD:CANCEL, removes) the one event it already has.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
}

pub struct Invite<'a> {
    pub booking_id: Uuid,
    /// The tenant's site host, to make the UID globally unique.
    pub site: &'a str,
    pub sequence: i32,
    pub method: Method,
    pub summary: &'a str,
    pub description: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

pub fn uid(booking_id: Uuid, site: &str) -> String {
    let site = site.split(':').next().unwrap_or(site);
    format!("booking-{booking_id}@{site}")
}

pub fn render(invite: &Invite<'_>) -> String {
    let mut event = Event::new();
    event
        .uid(&uid(invite.booking_id, invite.site))
        .sequence(u32::try_from(invite.sequence).unwrap_or(0))
        .summary(invite.summary)
        .description(invite.description)
        .starts(invite.start)
        .ends(invite.end)
        .timestamp(Utc::now());
    if invite.method == Method::Cancel {
        event.status(EventStatus::Cancelled);
    } else {
        event.status(EventStatus::Confirmed);
    }
    let method = match invite.method {
        Method::Request => "REQUEST",
        Method::Cancel => "CANCEL",
    };
    let mut calendar = Calendar::new();
    calendar.append_property(Property::new("METHOD", method));
    calendar.push(event.done());
    calendar.done().to_string()
}

#[cfg(test)]
#[path = "ics_test.rs"]
mod tests;

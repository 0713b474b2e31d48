//! A booking as its customer reads it, from `bookings::manage::ManageView`:
//! the day and times in the site's zone, in the page's language.

use bookings::manage::ManageView;
use bookings::Status;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::pages::layer::Page;

pub struct Details {
    pub service: String,
    pub staff: String,
    pub date: String,
    /// The day in the site's zone, as `YYYY-MM-DD`.
    pub day: String,
    pub time: String,
    pub zone: String,
    pub status: String,
    pub status_code: &'static str,
    pub can_change: bool,
    pub deadline: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

fn instant(raw: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(raw)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

pub fn status_code(s: Status) -> &'static str {
    match s {
        Status::AwaitingConfirmation => "awaiting_confirmation",
        Status::Pending => "pending",
        Status::Confirmed => "confirmed",
        Status::Arrived => "arrived",
        Status::Cancelled => "cancelled",
        Status::Completed => "completed",
        Status::NoShow => "no_show",
    }
}

impl Details {
    pub fn of(p: &Page, v: &ManageView) -> Details {
        let tz: Tz = v.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let start = instant(&v.start);
        let end = instant(&v.end);
        let deadline = instant(&v.change_deadline).with_timezone(&tz);
        let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
        let code = status_code(v.status);
        Details {
            service: v.service.clone(),
            staff: v.staff.clone(),
            date: p.fmt.full_date(s.date_naive()),
            day: s.date_naive().to_string(),
            time: p.t2(
                "detail-time-range",
                ("start", &p.fmt.time(s.time())),
                ("end", &p.fmt.time(e.time())),
            ),
            zone: p.t1("book-zone", "zone", &v.time_zone),
            status: p.t(&format!("status-{code}")),
            status_code: code,
            can_change: v.can_change,
            deadline: p.t2(
                "book-chosen",
                ("date", &p.fmt.full_date(deadline.date_naive())),
                ("time", &p.fmt.time(deadline.time())),
            ),
            start,
            end,
        }
    }
}

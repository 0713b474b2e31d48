//! What a booking change sets off, written to the outbox in the same
//! transaction as the change: the customer's mail with its calendar
//! invitation, a note to the staff member, the reminder, and the tenant's
//! webhooks. Nothing is sent unless the change commits.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::error::BookingError;
use crate::ics::{self, Invite, Method};
use crate::model::{BookingRow, BookingView};
use crate::reminders::{ReminderJob, KIND_REMINDER};
use crate::repo;
use crate::settings;
use kernel::error::AppError;
use notify::mail::{self, CalendarPart, Mail};
use notify::outbox;
use notify::sms::SmsJob;
use tenancy::Site;

pub(crate) enum Event<'a> {
    Created { manage_token: &'a str },
    Rescheduled,
    Cancelled,
}

/// The webhook events bookings emit, for the catalog endpoints subscribe from.
pub const EVENT_NAMES: [&str; 3] = [
    "booking.created",
    "booking.cancelled",
    "booking.rescheduled",
];

impl Event<'_> {
    fn name(&self) -> &'static str {
        match self {
            Event::Created { .. } => "booking.created",
            Event::Rescheduled => "booking.rescheduled",
            Event::Cancelled => "booking.cancelled",
        }
    }
}

/// The people and names a message about a booking needs.
pub(crate) struct Parties {
    pub customer_name: String,
    pub customer_email: Option<String>,
    pub customer_phone: Option<String>,
    pub service: String,
    pub staff_name: String,
    pub staff_email: Option<String>,
    pub tz: Tz,
    pub reminder_lead: Duration,
}

pub(crate) fn parties(conn: &mut PgConnection, b: &BookingRow) -> QueryResult<Parties> {
    let p = repo::parties(conn, b)?;
    let s = settings::repo::load(conn)?;
    Ok(Parties {
        customer_name: p.customer_name,
        customer_email: p.customer_email,
        customer_phone: p.customer_phone,
        service: p.service,
        staff_name: p.staff_name,
        staff_email: p.staff_email,
        tz: s.tz(),
        reminder_lead: Duration::minutes(i64::from(s.reminder_lead_minutes)),
    })
}

/// "Tuesday 1 June 2027, 09:00 (Europe/Paris)".
pub(crate) fn when(at: DateTime<Utc>, tz: Tz) -> String {
    format!(
        "{} ({})",
        at.with_timezone(&tz).format("%A %-d %B %Y, %H:%M"),
        tz.name()
    )
}

pub(crate) fn emit(
    conn: &mut PgConnection,
    site: &Site,
    booking: &BookingRow,
    event: Event<'_>,
) -> Result<(), BookingError> {
    let p = parties(conn, booking)?;
    let tenant = &site.tenant;
    let at = when(booking.starts_at, p.tz);
    let site_name = &tenant.name;
    let (subject, intro, method) = match &event {
        Event::Created { .. } => (
            format!("Booking confirmed: {} on {at}", p.service),
            format!("Your booking with {site_name} is confirmed."),
            Method::Request,
        ),
        Event::Rescheduled => (
            format!("Booking moved: {} now on {at}", p.service),
            format!("Your booking with {site_name} has moved to a new time."),
            Method::Request,
        ),
        Event::Cancelled => (
            format!("Booking cancelled: {} on {at}", p.service),
            format!("Your booking with {site_name} is cancelled."),
            Method::Cancel,
        ),
    };
    if let Some(email) = &p.customer_email {
        let manage = match &event {
            Event::Created { manage_token } => format!(
                "\nTo see or cancel it, open:\n{}/booking/{manage_token}\n",
                site.base_url
            ),
            Event::Rescheduled => {
                "\nThe link in your first confirmation still works to change it.\n".into()
            }
            Event::Cancelled => String::new(),
        };
        let text = format!(
            "Hello {},\n\n{intro}\n\n{} with {}\n{at}\n{manage}\n{site_name}\n",
            p.customer_name, p.service, p.staff_name
        );
        let invite = ics::render(&Invite {
            booking_id: booking.id,
            site: &site.host,
            sequence: booking.sequence,
            method,
            summary: &format!("{} with {} ({site_name})", p.service, p.staff_name),
            description: &intro,
            start: booking.starts_at,
            end: booking.ends_at,
        });
        let method = match method {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        };
        let calendar = Some(CalendarPart {
            method: method.into(),
            ics: invite,
        });
        mail::enqueue(
            conn,
            tenant.id,
            &Mail::Plain {
                to: email.clone(),
                subject,
                text,
                calendar,
            },
        )?;
    }
    if let Some(staff_email) = &p.staff_email {
        let what = match &event {
            Event::Created { .. } => "New booking",
            Event::Rescheduled => "Booking moved",
            Event::Cancelled => "Booking cancelled",
        };
        let text = format!(
            "{what}: {} with {} on {at}.\nCustomer: {}{}\n",
            p.service,
            p.staff_name,
            p.customer_name,
            p.customer_phone
                .as_deref()
                .map(|ph| format!(", {ph}"))
                .unwrap_or_default()
        );
        mail::enqueue(
            conn,
            tenant.id,
            &Mail::Plain {
                to: staff_email.clone(),
                subject: format!("{what}: {} on {at}", p.service),
                text,
                calendar: None,
            },
        )?;
    }
    if !matches!(event, Event::Cancelled) {
        plan_reminder(conn, site, booking, &p)?;
    }
    notify::webhooks::emit(conn, tenant, event.name(), &BookingView::from(booking))?;
    Ok(())
}

/// The reminder goes into the outbox now, due at start minus the lead time.
/// When it falls due, the worker sends it only if the booking still holds
/// this time (see reminders.rs). A booking closer than the lead gets none.
fn plan_reminder(
    conn: &mut PgConnection,
    site: &Site,
    b: &BookingRow,
    p: &Parties,
) -> Result<(), BookingError> {
    let due = b.starts_at - p.reminder_lead;
    let Some(email) = p.customer_email.clone() else {
        return Ok(());
    };
    if p.reminder_lead <= Duration::zero() || due <= Utc::now() {
        return Ok(());
    }
    let at = when(b.starts_at, p.tz);
    let text = format!(
        "Hello {},\n\nA reminder of your booking with {}:\n\n{} with {}\n{at}\n\nSee you soon.\n",
        p.customer_name, site.tenant.name, p.service, p.staff_name
    );
    let mail = Mail::Plain {
        to: email,
        subject: format!("Reminder: {} on {at}", p.service),
        text,
        calendar: None,
    };
    let sms = p.customer_phone.clone().map(|to| SmsJob {
        to,
        body: format!(
            "Reminder: {} with {} at {}, {at}.",
            p.service, p.staff_name, site.tenant.name
        ),
    });
    let job = ReminderJob {
        booking_id: b.id,
        sequence: b.sequence,
        starts_at: b.starts_at,
        mail: serde_json::to_value(&mail).map_err(AppError::internal)?,
        sms,
    };
    let payload = serde_json::to_value(&job).map_err(AppError::internal)?;
    outbox::enqueue_at(conn, Some(site.tenant.id), KIND_REMINDER, &payload, due)?;
    Ok(())
}

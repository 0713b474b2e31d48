//! The mails the platform sends, as outbox payloads. A mail is stored with
//! what it needs to be rendered; the worker renders and sends it.

use diesel::PgConnection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use super::outbox;

/// The outbox `kind` of mail jobs.
pub const KIND_EMAIL: &str = "email";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum Mail {
    VerifyEmail {
        to: String,
        name: String,
        site_name: String,
        link: String,
    },
    PasswordReset {
        to: String,
        name: String,
        site_name: String,
        link: String,
    },
    PasswordChanged {
        to: String,
        name: String,
        site_name: String,
    },
    /// Text rendered by the capability that sends it (bookings and the
    /// like), so it needs no template here.
    Plain {
        to: String,
        subject: String,
        text: String,
        /// An iCalendar invitation sent along (bookings).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        calendar: Option<CalendarPart>,
    },
}

/// A `text/calendar` part: METHOD (REQUEST or CANCEL) and the .ics text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPart {
    pub method: String,
    pub ics: String,
}

impl Mail {
    pub fn to(&self) -> &str {
        match self {
            Mail::VerifyEmail { to, .. }
            | Mail::PasswordReset { to, .. }
            | Mail::PasswordChanged { to, .. }
            | Mail::Plain { to, .. } => to,
        }
    }

    pub fn template(&self) -> &'static str {
        match self {
            Mail::VerifyEmail { .. } => "verify_email",
            Mail::PasswordReset { .. } => "password_reset",
            Mail::PasswordChanged { .. } => "password_changed",
            Mail::Plain { .. } => "plain",
        }
    }
}

/// The outbox job that sends `mail`, for a caller that writes several jobs
/// at once (`outbox::enqueue_all`).
pub fn job(tenant_id: Uuid, mail: &Mail) -> diesel::QueryResult<outbox::NewJob> {
    let payload = serde_json::to_value(mail)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    Ok(outbox::NewJob {
        tenant_id: Some(tenant_id),
        kind: KIND_EMAIL,
        payload,
        run_at: None,
    })
}

/// Queues a mail in the caller's transaction.
pub fn enqueue(conn: &mut PgConnection, tenant_id: Uuid, mail: &Mail) -> diesel::QueryResult<i64> {
    let payload = serde_json::to_value(mail)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    outbox::enqueue(conn, Some(tenant_id), KIND_EMAIL, &payload)
}

/// What is kept of a payload once it has been delivered: enough to know what
/// went where, not the links (they carry live tokens).
pub fn redacted(payload: &Value) -> Value {
    json!({
        "template": payload.get("template").cloned().unwrap_or(Value::Null),
        "to": payload.get("to").cloned().unwrap_or(Value::Null),
        "redacted": true,
    })
}

#[cfg(test)]
#[path = "mail_test.rs"]
mod tests;

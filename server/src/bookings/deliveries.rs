//! Delivering what booking changes queued: webhooks, reminders and texts.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use super::model::BookingRow;
use crate::notify::outbox::{Failure, Job};
use crate::notify::runner::{self, JobHandler, Outcome};
use crate::notify::sms::{HttpSms, SmsSender};
use crate::notify::webhook;
use crate::schema::public::tenants;
use crate::schema::tenant::bookings;
use crate::state::AppState;
use crate::tenancy::SchemaName;

pub const KIND_WEBHOOK: &str = "webhook";
pub const KIND_REMINDER: &str = "booking_reminder";
pub const KIND_SMS: &str = "sms";

#[derive(Debug, Serialize, Deserialize)]
pub struct WebhookJob {
    pub endpoint_id: Uuid,
    pub url: String,
    pub secret: String,
    pub event: String,
    pub body: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ReminderJob {
    pub booking_id: Uuid,
    /// The booking's SEQUENCE and start when the reminder was planned: if
    /// either changed since, the booking moved and this reminder is stale.
    pub sequence: i32,
    pub starts_at: DateTime<Utc>,
    /// What to send when it is due.
    pub mail: Value,
    pub sms: Option<SmsJob>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SmsJob {
    pub to: String,
    pub body: String,
}

struct Deliveries {
    agent: ureq::Agent,
    sms: Option<HttpSms>,
}

pub fn spawn(state: &AppState) {
    let handler = Deliveries {
        agent: webhook::http_agent(),
        sms: state.settings.sms.clone().map(HttpSms::new),
    };
    runner::spawn("booking-deliveries", state, handler);
}

fn unreadable(e: serde_json::Error) -> Failure {
    Failure::Permanent(format!("unreadable job payload: {e}"))
}

fn db_failure(e: diesel::result::Error) -> Failure {
    Failure::Transient(format!("database: {e}"))
}

impl JobHandler for Deliveries {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND_WEBHOOK, KIND_REMINDER, KIND_SMS]
    }

    fn handle(&self, conn: &mut PgConnection, job: &Job) -> Outcome {
        match job.kind.as_str() {
            KIND_WEBHOOK => {
                let w: WebhookJob =
                    serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
                webhook::deliver(&self.agent, &w.url, &w.secret, &w.event, &w.body)?;
                Ok(json!({ "endpoint_id": w.endpoint_id, "event": w.event, "url": w.url }))
            }
            KIND_SMS => {
                let s: SmsJob = serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
                match &self.sms {
                    Some(sender) => sender.send(&s.to, &s.body)?,
                    None => return Ok(json!({ "skipped": "no SMS provider configured" })),
                }
                Ok(json!({ "to": s.to }))
            }
            KIND_REMINDER => self.remind(conn, job),
            other => Err(Failure::Permanent(format!(
                "no handler for job kind {other:?}"
            ))),
        }
    }
}

impl Deliveries {
    /// A due reminder becomes a mail (and a text) if the booking still holds
    /// the time it was planned for; otherwise it is dropped.
    fn remind(&self, conn: &mut PgConnection, job: &Job) -> Outcome {
        let r: ReminderJob = serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
        let tenant_id = job
            .tenant_id
            .ok_or_else(|| Failure::Permanent("reminder without a tenant".into()))?;
        let (schema, status): (String, String) = tenants::table
            .find(tenant_id)
            .select((tenants::schema_name, tenants::status))
            .first(conn)
            .map_err(db_failure)?;
        if status != "active" {
            return Ok(json!({ "skipped": format!("tenant is {status}") }));
        }
        let schema = SchemaName::parse(&schema).map_err(Failure::Permanent)?;
        // Later jobs in this claim transaction set their own path; the
        // setting ends with the transaction.
        diesel::sql_query(format!(
            "SET LOCAL search_path TO {}, public",
            schema.quoted()
        ))
        .execute(conn)
        .map_err(db_failure)?;
        let booking: Option<BookingRow> = bookings::table
            .find(r.booking_id)
            .select(BookingRow::as_select())
            .first(conn)
            .optional()
            .map_err(db_failure)?;
        let current = booking.filter(|b| {
            b.status().holds_time() && b.sequence == r.sequence && b.starts_at == r.starts_at
        });
        if current.is_none() {
            return Ok(
                json!({ "booking_id": r.booking_id, "skipped": "booking moved or cancelled" }),
            );
        }
        crate::notify::outbox::enqueue(
            conn,
            Some(tenant_id),
            crate::notify::mail::KIND_EMAIL,
            &r.mail,
        )
        .map_err(db_failure)?;
        if let Some(sms) = &r.sms {
            let payload = serde_json::to_value(sms).map_err(unreadable)?;
            crate::notify::outbox::enqueue(conn, Some(tenant_id), KIND_SMS, &payload)
                .map_err(db_failure)?;
        }
        Ok(json!({ "booking_id": r.booking_id, "reminded": true }))
    }
}

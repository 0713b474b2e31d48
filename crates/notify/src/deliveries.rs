//! The worker that delivers webhooks and text messages from the outbox.
//! Neither touches tenant data: the job carries all it needs.

use std::sync::Arc;

use diesel::PgConnection;
use serde_json::json;

use kernel::settings::Settings;

use crate::outbox::{Failure, Job};
use crate::runner::{self, unreadable, JobHandler, Outcome};
use crate::sms::{HttpSms, SmsJob, SmsSender, KIND_SMS};
use crate::webhooks::{self, WebhookJob, KIND_WEBHOOK};

struct Deliveries {
    agent: ureq::Agent,
    sms: Option<HttpSms>,
}

impl JobHandler for Deliveries {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND_WEBHOOK, KIND_SMS]
    }

    fn handle(&self, _conn: &mut PgConnection, job: &Job) -> Outcome {
        match job.kind.as_str() {
            KIND_WEBHOOK => {
                let w: WebhookJob =
                    serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
                webhooks::deliver(&self.agent, &w.url, &w.secret, &w.event, &w.body)?;
                // The secret does not outlive the delivery.
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
            other => Err(Failure::Permanent(format!(
                "no handler for job kind {other:?}"
            ))),
        }
    }
}

/// Starts the delivery worker; it stops once `settings` is dropped.
pub fn spawn(settings: &Arc<Settings>) {
    let handler = Deliveries {
        agent: webhooks::http_agent(),
        sms: settings.sms.clone().map(HttpSms::new),
    };
    runner::spawn("outbox-deliveries", settings, handler);
}

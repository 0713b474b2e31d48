//! The worker that delivers webhooks and text messages from the outbox,
//! several at once and no more than the per-tenant cap of one tenant's, so
//! a tenant whose receiver never answers holds up nobody else. A webhook
//! job reads its endpoint from the tenant's schema (`webhooks::deliver`);
//! a text message carries all it needs.

use std::sync::Arc;

use serde_json::json;

use kernel::db::DbPool;
use kernel::settings::Settings;

use crate::guarded_http::{AddressPolicy, GuardedClient};
use crate::outbox::{Failure, Job};
use crate::runner::{self, unreadable, JobHandler, Outcome};
use crate::sms::{HttpSms, SmsJob, SmsSender, KIND_SMS};
use crate::webhooks::{self, KIND_WEBHOOK};

struct Deliveries {
    /// Webhook URLs are the tenants': only the guarded client reaches them.
    webhooks: GuardedClient,
    sms: Option<HttpSms>,
}

impl JobHandler for Deliveries {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND_WEBHOOK, KIND_SMS]
    }

    fn handle(&self, db: &DbPool, job: &Job) -> Outcome {
        match job.kind.as_str() {
            KIND_WEBHOOK => webhooks::deliver(db, job, &self.webhooks),
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
        webhooks: GuardedClient::new(AddressPolicy::from_settings(settings)),
        sms: settings.sms.clone().map(HttpSms::new),
    };
    runner::spawn("outbox-deliveries", settings, handler);
}

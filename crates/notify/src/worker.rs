//! The mail worker: drains `email` jobs from the outbox through the shared
//! job runner (threads of its own: diesel and lettre are synchronous), which
//! leases each job to one worker at a time and sends several at once, no
//! more than the per-tenant cap of one tenant's.

use std::sync::Arc;

use kernel::db::DbPool;

use super::mail::{self, Mail, KIND_EMAIL};
use super::mailer::Mailer;
use super::outbox::{Failure, Job};
use super::runner::{self, JobHandler, Outcome};
use super::templates::render;
use kernel::settings::Settings;

struct MailHandler {
    mailer: Mailer,
}

impl JobHandler for MailHandler {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND_EMAIL]
    }

    /// Sends the mail; what is kept of a sent job leaves out its links,
    /// which carry live tokens.
    fn handle(&self, _db: &DbPool, job: &Job) -> Outcome {
        let mail: Mail = serde_json::from_value(job.payload.clone())
            .map_err(|e| Failure::Permanent(format!("unreadable mail payload: {e}")))?;
        self.mailer.send(&render(&mail))?;
        Ok(mail::redacted(&job.payload))
    }
}

/// Starts the mail worker for this application; it stops on its own once
/// the application's state is dropped.
pub fn spawn(settings: &Arc<Settings>) {
    match Mailer::new(&settings.smtp_url, &settings.mail_from) {
        Ok(mailer) => runner::spawn("outbox-mail", settings, MailHandler { mailer }),
        Err(e) => tracing::error!(
            error = %e,
            "mail worker not started; mail stays queued until this is fixed"
        ),
    }
}

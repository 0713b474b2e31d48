//! The outbox worker: a dedicated thread (diesel and lettre are synchronous)
//! that drains due mail jobs. Each batch is claimed and settled in one
//! transaction with `FOR UPDATE SKIP LOCKED`, so a job is worked on by one
//! worker at a time however many servers run; a crash between sending and
//! committing means the mail is sent again (at least once, never lost).

use std::sync::{Arc, Weak};
use std::time::Duration;

use diesel::prelude::*;

use super::mail::{self, Mail, KIND_EMAIL};
use super::mailer::Mailer;
use super::outbox::{self, Failure, Job};
use super::templates::render;
use crate::config::Settings;
use crate::db::DbPool;
use crate::state::AppState;

/// Jobs claimed per transaction: small, so one slow SMTP exchange holds few rows.
const BATCH: i64 = 10;

/// Starts the worker for this application. It stops on its own once the
/// application is dropped: it holds only a weak reference to the settings,
/// which live exactly as long as the application's state.
pub fn spawn(state: AppState) {
    let settings = &state.settings;
    let mailer = match Mailer::new(&settings.smtp_url, &settings.mail_from) {
        Ok(mailer) => mailer,
        Err(e) => {
            tracing::error!(error = %e, "outbox worker not started; mail stays queued until this is fixed");
            return;
        }
    };
    let poll = Duration::from_millis(settings.outbox_poll_ms.max(10));
    let alive = Arc::downgrade(settings);
    let pool = state.pool.clone();
    drop(state);
    let spawned = std::thread::Builder::new()
        .name("outbox-worker".into())
        .spawn(move || run(alive, pool, mailer, poll));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the outbox worker; mail stays queued");
    }
}

fn run(alive: Weak<Settings>, pool: DbPool, mailer: Mailer, poll: Duration) {
    while alive.strong_count() > 0 {
        let drained = pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| drain_once(&mut conn, &mailer).map_err(|e| e.to_string()));
        match drained {
            // A full batch: more may be due, go on without waiting.
            Ok(n) if n as i64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox worker could not drain; will retry"),
        }
        std::thread::sleep(poll);
    }
}

/// Claims one batch of due mail jobs, tries each, and records the outcome.
/// Returns how many jobs were claimed.
pub fn drain_once(conn: &mut PgConnection, mailer: &Mailer) -> QueryResult<usize> {
    conn.transaction(|conn| {
        let jobs = outbox::claim_due(conn, &[KIND_EMAIL], BATCH)?;
        for job in &jobs {
            match deliver(mailer, job) {
                Ok(()) => {
                    tracing::info!(job = job.id, tenant = ?job.tenant_id, "mail sent");
                    outbox::mark_sent(conn, job.id, &mail::redacted(&job.payload))?;
                }
                Err(failure) => {
                    tracing::warn!(job = job.id, tenant = ?job.tenant_id, attempt = job.attempts + 1, failure = ?failure, "mail not sent");
                    outbox::mark_failed(conn, job, &failure)?;
                }
            }
        }
        Ok(jobs.len())
    })
}

fn deliver(mailer: &Mailer, job: &Job) -> Result<(), Failure> {
    let mail: Mail = serde_json::from_value(job.payload.clone())
        .map_err(|e| Failure::Permanent(format!("unreadable mail payload: {e}")))?;
    mailer.send(&render(&mail))
}

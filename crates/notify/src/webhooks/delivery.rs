//! Delivering one webhook job: the endpoint's URL, secret and active flag
//! are read from the tenant's schema when the job runs (the job carries
//! only the endpoint id and the body), then the body goes out, signed,
//! through the guarded client. No connection is held while it does.

use chrono::Utc;
use diesel::PgConnection;
use serde_json::json;

use super::endpoints::{self, Target};
use super::events::WebhookJob;
use super::signing::{sign, EVENT_HEADER, SIGNATURE_HEADER};
use crate::guarded_http::{GuardedClient, OutboundError};
use crate::outbox::{Failure, Job};
use crate::runner::{connect, in_job_tenant, unreadable, Outcome, TenantJob};
use kernel::db::DbPool;

/// A job ready to go out, or what to keep of one that will not.
enum Prepared {
    Send(WebhookJob, Target),
    Dropped(serde_json::Value),
}

/// The worker's way: reads the endpoint with a pooled connection, gives it
/// back, then sends. See `deliver_job`.
pub fn deliver(db: &DbPool, job: &Job, client: &GuardedClient) -> Outcome {
    let prepared = prepare(&mut *connect(db)?, job)?;
    finish(prepared, client)
}

/// Sends one `webhook` job, reading its endpoint on `conn`. An endpoint
/// deleted or switched off since the event, or a tenant no longer served,
/// drops the job with the reason as its record. What is kept of a sent job
/// names the endpoint, not its secret.
pub fn deliver_job(conn: &mut PgConnection, job: &Job, client: &GuardedClient) -> Outcome {
    let prepared = prepare(conn, job)?;
    finish(prepared, client)
}

fn prepare(conn: &mut PgConnection, job: &Job) -> Result<Prepared, Failure> {
    let w: WebhookJob = serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
    let found = in_job_tenant(conn, job, |conn| {
        Ok(endpoints::target(conn, w.endpoint_id)?)
    })?;
    Ok(match found {
        TenantJob::Skipped(reason) => Prepared::Dropped(skipped(&w, &reason)),
        TenantJob::Done(None) => Prepared::Dropped(skipped(&w, "the endpoint was deleted")),
        TenantJob::Done(Some(Target { active: false, .. })) => {
            Prepared::Dropped(skipped(&w, "the endpoint is not active"))
        }
        TenantJob::Done(Some(target)) => Prepared::Send(w, target),
    })
}

fn finish(prepared: Prepared, client: &GuardedClient) -> Outcome {
    match prepared {
        Prepared::Dropped(kept) => Ok(kept),
        Prepared::Send(w, target) => {
            send(client, &target, &w)?;
            Ok(json!({ "endpoint_id": w.endpoint_id, "event": w.event, "url": target.url }))
        }
    }
}

fn skipped(w: &WebhookJob, reason: &str) -> serde_json::Value {
    json!({ "skipped": reason, "endpoint_id": w.endpoint_id, "event": w.event })
}

/// A 2xx answer is success; a refused address, a redirect and a 4xx other
/// than 408/429 will not get better by retrying; anything else is retried
/// with backoff.
fn send(client: &GuardedClient, target: &Target, w: &WebhookJob) -> Result<(), Failure> {
    let url = &target.url;
    let signature = sign(&target.secret, Utc::now().timestamp(), &w.body);
    let headers = [
        ("Content-Type", "application/json"),
        (EVENT_HEADER, w.event.as_str()),
        (SIGNATURE_HEADER, signature.as_str()),
    ];
    let status = client.post(url, &headers, &w.body).map_err(|e| match e {
        OutboundError::Transport(_) => Failure::Transient(format!("POST {url}: {e}")),
        OutboundError::Refused(_) | OutboundError::Redirected { .. } | OutboundError::BadUrl(_) => {
            Failure::Permanent(format!("POST {url}: {e}"))
        }
    })?;
    match status {
        200..=299 => Ok(()),
        408 | 429 | 500..=599 => Err(Failure::Transient(format!("POST {url}: HTTP {status}"))),
        _ => Err(Failure::Permanent(format!("POST {url}: HTTP {status}"))),
    }
}

//! Reminders: planned into the outbox when a booking is made or moved, due
//! at the start minus the tenant's lead time. When one falls due, the worker
//! looks at the booking in the tenant's own schema (through the runner's
//! tenant door) and sends the reminder only if the booking still holds the
//! time it was planned for.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

use kernel::db::DbPool;
use kernel::settings::Settings;
use notify::mail::KIND_EMAIL;
use notify::outbox::{self, Job};
use notify::runner::{self, connect, in_job_tenant, unreadable, JobHandler, Outcome, TenantJob};
use notify::sms::{self, SmsJob};

use crate::repo;

pub(crate) const KIND_REMINDER: &str = "booking_reminder";

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ReminderJob {
    pub booking_id: Uuid,
    /// The booking's SEQUENCE and start when the reminder was planned: if
    /// either changed since, the booking moved and this reminder is stale.
    pub sequence: i32,
    pub starts_at: DateTime<Utc>,
    /// The mail to send when it is due (a notify::mail::Mail).
    pub mail: Value,
    pub sms: Option<SmsJob>,
}

struct Reminders;

impl JobHandler for Reminders {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND_REMINDER]
    }

    /// The check and the jobs it queues are one transaction: both or
    /// neither, so a reminder is never queued twice by one attempt.
    fn handle(&self, db: &DbPool, job: &Job) -> Outcome {
        let r: ReminderJob = serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
        connect(db)?.transaction(|conn| {
            let current = in_job_tenant(conn, job, |conn| {
                let booking = repo::find(conn, r.booking_id)?;
                Ok(booking.filter(|b| {
                    b.status.holds_time() && b.sequence == r.sequence && b.starts_at == r.starts_at
                }))
            })?;
            match current {
                TenantJob::Skipped(why) => Ok(json!({ "skipped": why })),
                TenantJob::Done(None) => Ok(
                    json!({ "booking_id": r.booking_id, "skipped": "booking moved or cancelled" }),
                ),
                TenantJob::Done(Some(_)) => {
                    // The mail and text go out as jobs of their own: each is
                    // retried on its own if it fails.
                    let tenant_id = job.tenant_id;
                    outbox::enqueue(conn, tenant_id, KIND_EMAIL, &r.mail)?;
                    let mut texted = false;
                    if let (Some(text), Some(tenant_id)) = (&r.sms, tenant_id) {
                        // Texts are a plan feature, checked when they would
                        // go (the plan may have changed since the booking).
                        if billing::has_feature(conn, tenant_id, billing::Feature::Sms)? {
                            sms::enqueue(conn, tenant_id, text)?;
                            texted = true;
                        }
                    }
                    Ok(json!({ "booking_id": r.booking_id, "reminded": true, "texted": texted }))
                }
            }
        })
    }
}

/// Erasure: the reminders of these bookings that are not sent yet hold the
/// person's address and phone. They are settled now with a payload that
/// keeps only the booking id, so they are never sent and hold nothing
/// personal. The outbox is in public; `current_schema()` is the tenant's
/// schema inside the tenant transaction this runs in, and only that
/// tenant's jobs are touched.
pub(crate) fn forget_unsent(conn: &mut PgConnection, booking_ids: &[Uuid]) -> QueryResult<usize> {
    if booking_ids.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = booking_ids.iter().map(Uuid::to_string).collect();
    diesel::sql_query(
        "UPDATE public.outbox \
            SET sent_at = now(), last_error = NULL, \
                payload = jsonb_build_object('booking_id', payload->'booking_id', 'erased', true) \
          WHERE kind = $1 AND sent_at IS NULL \
            AND tenant_id = (SELECT id FROM public.tenants WHERE schema_name = current_schema()) \
            AND payload->>'booking_id' = ANY($2)",
    )
    .bind::<diesel::sql_types::Text, _>(KIND_REMINDER)
    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(ids)
    .execute(conn)
}

/// Starts the reminder worker; it stops once `settings` is dropped.
pub fn spawn(settings: &Arc<Settings>) {
    runner::spawn("booking-reminders", settings, Reminders);
}

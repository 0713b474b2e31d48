//! Emitting an event: one outbox job per subscribed endpoint, written in the
//! caller's tenant transaction, so nothing is sent unless the change commits.

use chrono::Utc;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::db::PerTenant;
use kernel::schema::tenant::webhook_endpoints;
use tenancy::Tenant;

use crate::outbox;

pub const KIND_WEBHOOK: &str = "webhook";

/// What the outbox keeps for one delivery: the endpoint it is for and the
/// exact bytes to send and sign. Not the URL or the secret: the worker
/// reads them from the tenant's endpoint at delivery, so a secret never
/// sits in the shared outbox and a deleted endpoint gets nothing.
#[derive(Debug, Serialize, Deserialize)]
pub struct WebhookJob {
    pub endpoint_id: Uuid,
    pub event: String,
    pub body: String,
}

#[derive(Serialize)]
struct Envelope<'a, D: Serialize> {
    id: Uuid,
    #[serde(rename = "type")]
    kind: &'a str,
    created_at: chrono::DateTime<Utc>,
    tenant: &'a str,
    data: &'a D,
}

/// Queues `event` (a name from the emitting capability's catalog, such as
/// `booking.created`) with `data` for every active endpoint subscribed to it.
/// Runs inside the tenant's transaction.
pub fn emit<D: Serialize>(
    conn: &mut PgConnection,
    tenant: &Tenant,
    event: &str,
    data: &D,
) -> QueryResult<()> {
    let endpoints = subscribers(conn, event)?;
    let jobs = jobs(tenant, &endpoints, event, data)?;
    outbox::enqueue_all(conn, &jobs).map(|_| ())
}

/// The active endpoints subscribed to `event`. A caller that holds a lock
/// others wait for asks before taking it, and writes the [`jobs`] after.
pub fn subscribers(conn: &mut PgConnection, event: &str) -> QueryResult<Vec<Uuid>> {
    PerTenant(
        webhook_endpoints::table
            .filter(webhook_endpoints::active.eq(true))
            .filter(webhook_endpoints::events.contains(vec![event.to_string()]))
            .select(webhook_endpoints::id),
    )
    .load(conn)
}

/// One outbox job per endpoint for `event` with `data`, none without
/// endpoints; written with `outbox::enqueue_all`.
pub fn jobs<D: Serialize>(
    tenant: &Tenant,
    endpoints: &[Uuid],
    event: &str,
    data: &D,
) -> QueryResult<Vec<outbox::NewJob>> {
    if endpoints.is_empty() {
        return Ok(Vec::new());
    }
    let envelope = Envelope {
        id: Uuid::new_v4(),
        kind: event,
        created_at: Utc::now(),
        tenant: &tenant.slug,
        data,
    };
    // Serialised once, so every endpoint gets (and signs) the same bytes.
    let body = serde_json::to_string(&envelope)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    endpoints
        .iter()
        .map(|&endpoint_id| {
            let job = WebhookJob {
                endpoint_id,
                event: event.to_string(),
                body: body.clone(),
            };
            let payload = serde_json::to_value(&job)
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
            Ok(outbox::NewJob {
                tenant_id: Some(tenant.id),
                kind: KIND_WEBHOOK,
                payload,
                run_at: None,
            })
        })
        .collect()
}

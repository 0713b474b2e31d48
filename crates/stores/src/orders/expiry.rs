//! Unpaid orders give their stock back. Checkout queues a job of kind
//! `store_order_expiry` due at the order's `expires_at`; when it falls due
//! the worker looks at the order in the tenant's own schema (through the
//! runner's tenant door) and, if it still waits for payment, cancels it as
//! the platform: stock and coupon use back, the buyer's mail, the event.
//! An order paid or cancelled meanwhile is left alone.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use kernel::db::DbPool;
use kernel::schema::public::{domains, tenants};
use kernel::settings::Settings;
use notify::outbox::{self, Failure, Job};
use notify::runner::{self, connect, in_job_tenant, unreadable, JobHandler, Outcome, TenantJob};
use tenancy::model::TenantRow;
use tenancy::{Site, Tenant};

use super::changes::{apply, StatusChange};
use super::error::OrderError;
use super::repo;
use super::status::{Actor, OrderStatus};

/// The outbox kind of the jobs checkout queues.
pub const KIND_EXPIRY: &str = "store_order_expiry";
/// What the history and the buyer's mail say.
pub const EXPIRY_NOTE: &str = "payment not received in time";

/// The job's payload, as checkout writes it.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExpiryJob {
    pub order_id: Uuid,
}

/// The order's expiry, due at `at`, as an outbox job (checkout writes it
/// with the order's other jobs in one statement).
pub fn job(tenant_id: Uuid, order_id: Uuid, at: DateTime<Utc>) -> outbox::NewJob {
    outbox::NewJob {
        tenant_id: Some(tenant_id),
        kind: KIND_EXPIRY,
        payload: json!({ "order_id": order_id }),
        run_at: Some(at),
    }
}

/// Queues the order's expiry, due at `at`, in the caller's transaction.
pub fn schedule(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    order_id: Uuid,
    at: DateTime<Utc>,
) -> QueryResult<i64> {
    let payload = json!({ "order_id": order_id });
    outbox::enqueue_at(conn, Some(tenant_id), KIND_EXPIRY, &payload, at)
}

/// What a due job found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expired {
    /// Cancelled now, its stock released.
    Cancelled,
    /// Paid, or cancelled already: nothing to do.
    Settled(OrderStatus),
    /// Its time was moved later: a job for the new time is queued.
    Later,
    /// The order is gone.
    Missing,
}

/// Cancels the order if it still waits for payment and its time is up.
/// Runs in the job's tenant transaction.
pub fn expire(
    conn: &mut PgConnection,
    site: &Site,
    order_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Expired, OrderError> {
    let Some(order) = repo::find_for_update(conn, order_id)? else {
        return Ok(Expired::Missing);
    };
    if order.status != OrderStatus::PendingPayment {
        return Ok(Expired::Settled(order.status));
    }
    if let Some(at) = order.expires_at.filter(|at| *at > now) {
        schedule(conn, site.tenant.id, order_id, at)?;
        return Ok(Expired::Later);
    }
    let change = StatusChange::by(Actor::System, OrderStatus::Cancelled, Some(EXPIRY_NOTE));
    apply(conn, site, &order, &change)?;
    Ok(Expired::Cancelled)
}

/// Where the buyer's mail links to: the tenant's primary custom domain, or
/// else its subdomain.
fn site_of(conn: &mut PgConnection, tenant_id: Uuid, links: &Links) -> Result<Site, Failure> {
    let row: TenantRow = tenants::table
        .find(tenant_id)
        .select(TenantRow::as_select())
        .first(conn)?;
    let host: Option<String> = domains::table
        .filter(domains::tenant_id.eq(tenant_id))
        .filter(domains::is_primary.eq(true))
        .select(domains::host)
        .first(conn)
        .optional()?;
    let tenant = Tenant::try_from(row).map_err(Failure::Permanent)?;
    Ok(Site::new(tenant, host, &links.scheme, &links.base_domain))
}

fn failure(e: OrderError) -> Failure {
    match e {
        OrderError::Database(e) => Failure::from(e),
        other => Failure::Permanent(other.to_string()),
    }
}

/// How links in mails are made, from the platform's settings.
struct Links {
    scheme: String,
    base_domain: String,
}

struct Expiry {
    links: Links,
}

impl JobHandler for Expiry {
    fn kinds(&self) -> &'static [&'static str] {
        &[KIND_EXPIRY]
    }

    /// The check, the cancellation and what it queues are one transaction.
    fn handle(&self, db: &DbPool, job: &Job) -> Outcome {
        let j: ExpiryJob = serde_json::from_value(job.payload.clone()).map_err(unreadable)?;
        connect(db)?.transaction(|conn| {
            let found = in_job_tenant(conn, job, |conn| {
                // in_job_tenant has checked it is there.
                let tenant_id = job
                    .tenant_id
                    .ok_or_else(|| Failure::Permanent("no tenant".into()))?;
                let site = site_of(conn, tenant_id, &self.links)?;
                expire(conn, &site, j.order_id, Utc::now()).map_err(failure)
            })?;
            Ok(match found {
                TenantJob::Skipped(why) => json!({ "order_id": j.order_id, "skipped": why }),
                TenantJob::Done(Expired::Cancelled) => {
                    json!({ "order_id": j.order_id, "cancelled": true })
                }
                TenantJob::Done(Expired::Settled(status)) => {
                    json!({ "order_id": j.order_id, "skipped": format!("order is {status}") })
                }
                TenantJob::Done(Expired::Later) => {
                    json!({ "order_id": j.order_id, "skipped": "expiry moved later" })
                }
                TenantJob::Done(Expired::Missing) => {
                    json!({ "order_id": j.order_id, "skipped": "no such order" })
                }
            })
        })
    }
}

/// Starts the expiry worker; it stops once `settings` is dropped.
pub fn spawn(settings: &Arc<Settings>) {
    let links = Links {
        scheme: settings.public_scheme.clone(),
        base_domain: settings.base_domain.clone(),
    };
    runner::spawn("store-order-expiry", settings, Expiry { links });
}

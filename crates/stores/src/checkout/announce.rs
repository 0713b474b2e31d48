//! What a new order sets off, written in the checkout's own transaction so
//! an order never exists unannounced nor an announcement without its
//! order: the job that gives its stock back if it is still unpaid when its
//! hold ends, the buyer's "order received" mail, and the `order.created`
//! event for each subscribed endpoint.

use notify::outbox::NewJob;
use tenancy::Site;
use uuid::Uuid;

use crate::orders::mail::{self, Occasion};
use crate::orders::{events, expiry, OrderLine, OrderRow};

/// The order's jobs, for one `outbox::enqueue_all`; `subscribers` are the
/// endpoints of `order.created`.
pub(super) fn announcement(
    site: &Site,
    subscribers: &[Uuid],
    order: &OrderRow,
    lines: &[OrderLine],
) -> diesel::QueryResult<Vec<NewJob>> {
    let mut jobs = Vec::with_capacity(2 + subscribers.len());
    if let Some(at) = order.expires_at {
        jobs.push(expiry::job(site.tenant.id, order.id, at));
    }
    jobs.push(mail::job(site, order, lines, Occasion::Received, None)?);
    jobs.extend(events::created_jobs(
        &site.tenant,
        subscribers,
        order,
        lines,
    )?);
    Ok(jobs)
}

//! The webhook events orders emit, through notify in the change's own
//! transaction: `order.created` when checkout announces an order, then
//! `order.<new status>` on each change.

use diesel::PgConnection;
use notify::outbox::NewJob;
use tenancy::Tenant;
use uuid::Uuid;

use super::model::{OrderEventData, OrderLine, OrderRow, OrderSummary};
use super::status::OrderStatus;

/// Every event name, for the catalog endpoints subscribe from.
pub const EVENT_NAMES: [&str; 7] = [
    "order.created",
    "order.paid",
    "order.processing",
    "order.shipped",
    "order.delivered",
    "order.cancelled",
    "order.refunded",
];

pub const CREATED: &str = "order.created";

/// The event an order's arrival in `status` sets off (none for
/// pending_payment: an order starts there, it never comes back).
pub fn name_of(status: OrderStatus) -> Option<&'static str> {
    match status {
        OrderStatus::PendingPayment => None,
        OrderStatus::Paid => Some("order.paid"),
        OrderStatus::Processing => Some("order.processing"),
        OrderStatus::Shipped => Some("order.shipped"),
        OrderStatus::Delivered => Some("order.delivered"),
        OrderStatus::Cancelled => Some("order.cancelled"),
        OrderStatus::Refunded => Some("order.refunded"),
    }
}

pub fn emit(
    conn: &mut PgConnection,
    tenant: &Tenant,
    event: &str,
    order: &OrderRow,
    lines: &[OrderLine],
    previous_status: Option<OrderStatus>,
    note: Option<&str>,
) -> diesel::QueryResult<()> {
    let data = OrderEventData {
        order: OrderSummary::from(order),
        lines,
        previous_status,
        note,
    };
    notify::webhooks::emit(conn, tenant, event, &data)
}

/// `order.created` for `endpoints` (from `notify::webhooks::subscribers`),
/// as outbox jobs: checkout writes them with its other jobs in one
/// statement.
pub fn created_jobs(
    tenant: &Tenant,
    endpoints: &[Uuid],
    order: &OrderRow,
    lines: &[OrderLine],
) -> diesel::QueryResult<Vec<NewJob>> {
    let data = OrderEventData {
        order: OrderSummary::from(order),
        lines,
        previous_status: None,
        note: None,
    };
    notify::webhooks::jobs(tenant, endpoints, CREATED, &data)
}

#[cfg(test)]
#[path = "events_test.rs"]
mod tests;

//! Changes of an order's status, whoever asks (staff, the buyer, expiry,
//! the payment provider). Each runs in the caller's one transaction: the
//! order's row is locked, the move checked against the table, then the
//! status, its history entry, the stock and coupon given back, the units
//! counted as sold, the buyer's mail and the webhook event are written
//! together or not at all.

use diesel::PgConnection;
use serde::Deserialize;
use tenancy::Site;
use uuid::Uuid;

use super::access::Access;
use super::error::OrderError;
use super::events;
use super::mail::{self, Occasion};
use super::model::{OrderDetail, OrderRow};
use super::repo::{self, NewEntry};
use super::status::{Actor, OrderStatus};
use super::views;
use kernel::error::FieldError;
use kernel::input::optional_long_text;

/// A note on a change: shown in the history and the buyer's mail.
pub const MAX_NOTE_CHARS: usize = 1000;

/// What staff send to move an order.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = OrderStatusBody)]
pub struct StatusBody {
    /// The status to move to: paid, processing, shipped, delivered,
    /// cancelled or refunded, as the order's current status allows.
    #[schema(max_length = 20)]
    pub status: String,
    /// Why, or what the buyer should know (a parcel's tracking number).
    #[serde(default)]
    #[schema(max_length = 1000, pattern = r"^[^\u0000]*$")]
    pub note: Option<String>,
}

/// A change asked of an order, checked.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub to: OrderStatus,
    pub actor: Actor,
    /// The staff member's account, for a change by staff.
    pub actor_user_id: Option<Uuid>,
    pub note: Option<String>,
}

impl StatusChange {
    /// A change by a member of the site's team.
    pub fn by_staff(body: StatusBody, user_id: Uuid) -> Result<Self, OrderError> {
        let mut errors = Vec::new();
        let to = OrderStatus::parse(body.status.trim());
        if to.is_none() {
            errors.push(FieldError {
                field: "status".into(),
                message: format!("must be one of {}", OrderStatus::choices()),
            });
        }
        let note = optional_long_text(body.note.as_deref(), MAX_NOTE_CHARS)
            .map_err(|message| {
                errors.push(FieldError {
                    field: "note".into(),
                    message,
                })
            })
            .ok()
            .flatten();
        match to {
            Some(to) if errors.is_empty() => Ok(StatusChange {
                to,
                actor: Actor::Staff,
                actor_user_id: Some(user_id),
                note,
            }),
            _ => Err(OrderError::Validation(errors)),
        }
    }

    pub fn by(actor: Actor, to: OrderStatus, note: Option<&str>) -> Self {
        StatusChange {
            to,
            actor,
            actor_user_id: None,
            note: note.map(str::to_string),
        }
    }
}

/// A prescription that is not approved holds the order back from shipping.
fn check_prescription(order: &OrderRow, to: OrderStatus) -> Result<(), OrderError> {
    match order.prescription_status.as_deref() {
        Some(status) if to == OrderStatus::Shipped && status != "approved" => {
            Err(OrderError::PrescriptionRequired {
                prescription_status: status.to_string(),
            })
        }
        _ => Ok(()),
    }
}

/// Moves `order`, whose row the caller has locked, and writes everything
/// the move sets off. Returns the order as it now is.
pub(crate) fn apply(
    conn: &mut PgConnection,
    site: &Site,
    order: &OrderRow,
    change: &StatusChange,
) -> Result<OrderRow, OrderError> {
    let (from, to) = (order.status, change.to);
    if !from.can_become(to) {
        return Err(OrderError::InvalidTransition { from, to });
    }
    check_prescription(order, to)?;
    let row = repo::set_status(conn, order.id, to)?;
    let note = change.note.as_deref();
    repo::record(
        conn,
        &NewEntry {
            order_id: order.id,
            from: Some(from),
            to,
            actor: change.actor,
            actor_user_id: change.actor_user_id,
            note,
        },
    )?;
    if to.gives_stock_back() {
        repo::restock(conn, order.id)?;
    }
    if from == OrderStatus::PendingPayment && to == OrderStatus::Cancelled {
        repo::release_coupon(conn, order.id)?;
    }
    if to == OrderStatus::Paid {
        repo::count_sold(conn, order.id)?;
        if change.actor == Actor::Staff {
            // Cash or a transfer the shop received: the payment is the
            // order's total. A provider's payment was recorded already.
            repo::record_payment(
                conn,
                order.id,
                &order.payment_provider,
                None,
                order.total_cents,
                &order.currency,
            )?;
        }
    }
    let lines = repo::lines(conn, order.id)?;
    mail::enqueue(conn, site, &row, &lines, Occasion::Now(to), note)?;
    if let Some(event) = events::name_of(to) {
        events::emit(conn, &site.tenant, event, &row, &lines, Some(from), note)?;
    }
    Ok(row)
}

/// Locks the order and applies the change: for staff (any order) and the
/// platform's own callers.
pub fn change_status(
    conn: &mut PgConnection,
    site: &Site,
    order_id: Uuid,
    change: &StatusChange,
) -> Result<OrderDetail, OrderError> {
    let order = repo::find_for_update(conn, order_id)?.ok_or(OrderError::NotFound)?;
    apply(conn, site, &order, change)?;
    views::detail(conn, order_id, true)
}

/// The buyer (signed-in customer or token holder) cancels their order
/// while it waits for payment.
pub fn cancel_by_buyer(
    conn: &mut PgConnection,
    site: &Site,
    access: &Access,
    order_id: Uuid,
) -> Result<OrderDetail, OrderError> {
    let order = repo::find_for_update(conn, order_id)?
        .filter(|o| access.is_buyer_of(o))
        .ok_or(OrderError::NotFound)?;
    if order.status != OrderStatus::PendingPayment {
        return Err(OrderError::NotPending(order.status));
    }
    let change = StatusChange::by(
        Actor::Customer,
        OrderStatus::Cancelled,
        Some("cancelled by the customer"),
    );
    apply(conn, site, &order, &change)?;
    views::detail(conn, order_id, access.is_staff())
}

/// What checkout calls once an order is placed, in its transaction: the
/// buyer's "order received" mail and the `order.created` event.
pub fn announce_created(
    conn: &mut PgConnection,
    site: &Site,
    order_id: Uuid,
) -> Result<(), OrderError> {
    let order = repo::find(conn, order_id)?.ok_or(OrderError::NotFound)?;
    let lines = repo::lines(conn, order_id)?;
    mail::enqueue(conn, site, &order, &lines, Occasion::Received, None)?;
    events::emit(
        conn,
        &site.tenant,
        events::CREATED,
        &order,
        &lines,
        None,
        None,
    )?;
    Ok(())
}

#[cfg(test)]
#[path = "changes_test.rs"]
mod tests;

//! Reading orders: one order for whoever may see it, and lists for the
//! site's team (every order) and for a signed-in customer (their own).

use diesel::PgConnection;
use uuid::Uuid;

use super::access::Access;
use super::error::OrderError;
use super::listing::{ListFilter, Scope};
use super::model::{OrderDetail, OrderRow, OrderSummary, Page};
use super::repo;

/// The order with its lines, history and payment. Staff accounts in the
/// history are shown to the site's team only.
pub(crate) fn detail(
    conn: &mut PgConnection,
    order_id: Uuid,
    for_staff: bool,
) -> Result<OrderDetail, OrderError> {
    let order = repo::find(conn, order_id)?.ok_or(OrderError::NotFound)?;
    detail_of(conn, &order, for_staff)
}

fn detail_of(
    conn: &mut PgConnection,
    order: &OrderRow,
    for_staff: bool,
) -> Result<OrderDetail, OrderError> {
    let mut history = repo::history(conn, order.id)?;
    if !for_staff {
        for entry in &mut history {
            entry.actor_user_id = None;
        }
    }
    Ok(OrderDetail {
        order: OrderSummary::from(order),
        phone: order.phone.clone(),
        shipping_address: order.shipping_address.clone(),
        lines: repo::lines(conn, order.id)?,
        history,
        payment: repo::payment(conn, order.id)?,
    })
}

/// The order, if `access` may see it; anyone else gets NotFound, as for an
/// order that does not exist.
pub fn view(
    conn: &mut PgConnection,
    access: &Access,
    order_id: Uuid,
) -> Result<OrderDetail, OrderError> {
    let order = find_visible(conn, access, order_id)?;
    detail_of(conn, &order, access.is_staff())
}

/// The order's row, if `access` may see it.
pub fn find_visible(
    conn: &mut PgConnection,
    access: &Access,
    order_id: Uuid,
) -> Result<OrderRow, OrderError> {
    repo::find(conn, order_id)?
        .filter(|o| access.may_see(o))
        .ok_or(OrderError::NotFound)
}

/// One page of orders, newest first.
pub fn list(
    conn: &mut PgConnection,
    scope: Scope,
    filter: &ListFilter,
) -> Result<Page, OrderError> {
    Ok(repo::list(conn, scope, filter)?)
}

/// A signed-in customer's own orders, newest first.
pub fn list_own(
    conn: &mut PgConnection,
    customer_id: Uuid,
    filter: &ListFilter,
) -> Result<Page, OrderError> {
    list(conn, Scope::Customer(customer_id), filter)
}

//! Order queries. Table names are unqualified: they run inside a tenant
//! transaction whose search_path picks the tenant's schema.

use customers::cursor::Cursor;
use diesel::dsl::{now, sum};
use diesel::prelude::*;
use diesel::sql_types::Timestamptz;
use uuid::Uuid;

use super::listing::{ListFilter, Scope};
use super::model::{HistoryEntry, OrderLine, OrderRow, OrderSummary, Page, PaymentView};
use super::status::{Actor, OrderStatus};
use crate::schema::{
    coupon_redemptions, coupons, order_events, order_lines, orders, payments, products, variants,
};

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<OrderRow>> {
    orders::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()
}

/// The order with its row locked until the transaction ends: changes of
/// one order happen one after another.
pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<OrderRow>> {
    orders::table
        .find(id)
        .select(OrderRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn lines(conn: &mut PgConnection, order_id: Uuid) -> QueryResult<Vec<OrderLine>> {
    order_lines::table
        .filter(order_lines::order_id.eq(order_id))
        .order(order_lines::position)
        .select(OrderLine::as_select())
        .load(conn)
}

pub fn history(conn: &mut PgConnection, order_id: Uuid) -> QueryResult<Vec<HistoryEntry>> {
    order_events::table
        .filter(order_events::order_id.eq(order_id))
        .order(order_events::id)
        .select(HistoryEntry::as_select())
        .load(conn)
}

pub fn payment(conn: &mut PgConnection, order_id: Uuid) -> QueryResult<Option<PaymentView>> {
    payments::table
        .filter(payments::order_id.eq(order_id))
        .select(PaymentView::as_select())
        .first(conn)
        .optional()
}

/// One page, newest first: one query, one row more than asked so it knows
/// whether another page follows.
pub fn list(conn: &mut PgConnection, scope: Scope, filter: &ListFilter) -> QueryResult<Page> {
    let mut query = orders::table
        .select(OrderRow::as_select())
        .order((orders::created_at.desc(), orders::id.desc()))
        .limit(filter.limit + 1)
        .into_boxed();
    if let Scope::Customer(customer_id) = scope {
        query = query.filter(orders::customer_id.eq(customer_id));
    }
    if let Some(status) = filter.status {
        query = query.filter(orders::status.eq(status));
    }
    if let Some(pattern) = &filter.email_pattern {
        query = query.filter(orders::email.ilike(pattern));
    }
    if let Some(from) = filter.created_from {
        query = query.filter(orders::created_at.ge(from));
    }
    if let Some(to) = filter.created_to {
        query = query.filter(orders::created_at.lt(to));
    }
    if let Some(after) = filter.after {
        // Rows strictly after the cursor in (created_at DESC, id DESC) order.
        query = query.filter(
            orders::created_at.le(after.created_at).and(
                orders::created_at
                    .lt(after.created_at)
                    .or(orders::id.lt(after.id)),
            ),
        );
    }
    let mut rows: Vec<OrderRow> = query.load(conn)?;
    let limit = usize::try_from(filter.limit).unwrap_or(usize::MAX);
    let next_cursor = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|last| {
            Cursor {
                created_at: last.created_at,
                id: last.id,
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page {
        items: rows.iter().map(OrderSummary::from).collect(),
        next_cursor,
    })
}

/// Sets the status; a first payment stamps `paid_at` (database clock).
pub fn set_status(conn: &mut PgConnection, id: Uuid, to: OrderStatus) -> QueryResult<OrderRow> {
    let paid_now = (to == OrderStatus::Paid)
        .then_some(orders::paid_at.eq(now.into_sql::<Timestamptz>().nullable()));
    diesel::update(orders::table.find(id))
        .set((orders::status.eq(to), orders::updated_at.eq(now), paid_now))
        .returning(OrderRow::as_returning())
        .get_result(conn)
}

/// A history entry, to stay; its insert also tells live tracking (the
/// table's trigger).
pub struct NewEntry<'a> {
    pub order_id: Uuid,
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub actor: Actor,
    pub actor_user_id: Option<Uuid>,
    pub note: Option<&'a str>,
}

pub fn record(conn: &mut PgConnection, e: &NewEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(order_events::table)
        .values((
            order_events::order_id.eq(e.order_id),
            order_events::from_status.eq(e.from),
            order_events::to_status.eq(e.to),
            order_events::actor.eq(e.actor),
            order_events::actor_user_id.eq(e.actor_user_id),
            order_events::note.eq(e.note),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Puts the order's units back on their variants, one variant at a time
/// in id order (as every order does, so two never wait on each other's
/// rows). Lines whose variant was deleted have nothing to go back to.
pub fn restock(conn: &mut PgConnection, order_id: Uuid) -> QueryResult<()> {
    let held: Vec<(Option<Uuid>, Option<i64>)> = order_lines::table
        .filter(order_lines::order_id.eq(order_id))
        .filter(order_lines::variant_id.is_not_null())
        .group_by(order_lines::variant_id)
        .select((order_lines::variant_id, sum(order_lines::quantity)))
        .order(order_lines::variant_id)
        .load(conn)?;
    for (variant_id, quantity) in held {
        let (Some(variant_id), Some(quantity)) = (variant_id, quantity) else {
            continue;
        };
        let quantity = i32::try_from(quantity).unwrap_or(i32::MAX);
        diesel::update(variants::table.find(variant_id))
            .set((
                variants::stock.eq(variants::stock + quantity),
                variants::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Counts a paid order's units as sold ("popularity"), product by product
/// in id order.
pub fn count_sold(conn: &mut PgConnection, order_id: Uuid) -> QueryResult<()> {
    let sold: Vec<(Option<Uuid>, Option<i64>)> = order_lines::table
        .filter(order_lines::order_id.eq(order_id))
        .filter(order_lines::product_id.is_not_null())
        .group_by(order_lines::product_id)
        .select((order_lines::product_id, sum(order_lines::quantity)))
        .order(order_lines::product_id)
        .load(conn)?;
    for (product_id, quantity) in sold {
        let (Some(product_id), Some(quantity)) = (product_id, quantity) else {
            continue;
        };
        diesel::update(products::table.find(product_id))
            .set(products::sold_count.eq(products::sold_count + quantity))
            .execute(conn)?;
    }
    Ok(())
}

/// Gives the order's coupon use back: its redemption goes, and the
/// coupon counts one use fewer. Answers whether there was one.
pub fn release_coupon(conn: &mut PgConnection, order_id: Uuid) -> QueryResult<bool> {
    let coupon: Option<Uuid> =
        diesel::delete(coupon_redemptions::table.filter(coupon_redemptions::order_id.eq(order_id)))
            .returning(coupon_redemptions::coupon_id)
            .get_result(conn)
            .optional()?;
    let Some(coupon_id) = coupon else {
        return Ok(false);
    };
    diesel::update(
        coupons::table
            .find(coupon_id)
            .filter(coupons::used_count.gt(0)),
    )
    .set((
        coupons::used_count.eq(coupons::used_count - 1),
        coupons::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(true)
}

/// Records the order's payment; false when it has one already (one per
/// order, by the unique index).
pub fn record_payment(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: &str,
    provider_ref: Option<&str>,
    amount_cents: i64,
    currency: &str,
) -> QueryResult<bool> {
    diesel::insert_into(payments::table)
        .values((
            payments::id.eq(Uuid::new_v4()),
            payments::order_id.eq(order_id),
            payments::provider.eq(provider),
            payments::provider_ref.eq(provider_ref),
            payments::amount_cents.eq(amount_cents),
            payments::currency.eq(currency),
        ))
        .on_conflict(payments::order_id)
        .do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

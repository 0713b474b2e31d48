//! Cart queries. Table names are unqualified: they run inside a tenant
//! transaction whose search_path picks the tenant's schema.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use uuid::Uuid;

use super::access::CartAccess;
use super::error::CartError;
use super::model::CartStatus;
use crate::schema::{cart_items, carts, products, variants};
use identity::secrets;

/// A cart as the operations need it (its token hash stays in the table).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = carts, check_for_backend(diesel::pg::Pg))]
pub(crate) struct CartRow {
    pub id: Uuid,
    pub customer_id: Option<Uuid>,
    pub status: CartStatus,
}

impl CartRow {
    /// Ok for an open cart; why it no longer changes otherwise.
    pub(crate) fn ensure_open(&self) -> Result<(), CartError> {
        match self.status {
            CartStatus::Open => Ok(()),
            CartStatus::Merged => Err(CartError::Merged),
            CartStatus::CheckedOut => Err(CartError::CheckedOut),
        }
    }
}

/// A variant as a cart sees it: how many there are and whether it is on
/// sale (it and its product switched on).
#[derive(Debug, Clone, Queryable)]
pub(crate) struct Offer {
    pub variant_id: Uuid,
    pub stock: i32,
    pub on_sale: bool,
    pub currency: String,
}

/// The cart `access` opens, without a lock.
pub(crate) fn find(
    conn: &mut PgConnection,
    id: Uuid,
    access: &CartAccess,
) -> Result<CartRow, CartError> {
    carts::table
        .filter(access.opens(id))
        .select(CartRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(CartError::NotFound)
}

/// The cart `access` opens, locked until the transaction ends, so two
/// changes to one cart happen one after the other.
pub(crate) fn lock(
    conn: &mut PgConnection,
    id: Uuid,
    access: &CartAccess,
) -> Result<CartRow, CartError> {
    carts::table
        .filter(access.opens(id))
        .select(CartRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or(CartError::NotFound)
}

/// `lock`, for a cart that must still be open.
pub(crate) fn lock_open(
    conn: &mut PgConnection,
    id: Uuid,
    access: &CartAccess,
) -> Result<CartRow, CartError> {
    let cart = lock(conn, id, access)?;
    cart.ensure_open()?;
    Ok(cart)
}

/// The guest cart `token_hash` opens, locked.
pub(crate) fn lock_by_token(
    conn: &mut PgConnection,
    id: Uuid,
    token_hash: &[u8],
) -> Result<Option<CartRow>, CartError> {
    Ok(carts::table
        .filter(carts::id.eq(id))
        .filter(carts::token_hash.eq(token_hash))
        .select(CartRow::as_select())
        .for_update()
        .first(conn)
        .optional()?)
}

/// The customer's open cart, locked.
pub(crate) fn lock_customer_cart(
    conn: &mut PgConnection,
    customer_id: Uuid,
) -> QueryResult<Option<CartRow>> {
    carts::table
        .filter(carts::customer_id.eq(customer_id))
        .filter(carts::status.eq(CartStatus::Open))
        .select(CartRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// A new open cart and its token (shown once, stored hashed). For a
/// customer who has an open cart already (another request made it just
/// now), None: the partial unique index allows one. The index's predicate
/// is written out, not bound: once PostgreSQL plans the prepared statement
/// generically it cannot match a parameter to the index.
pub(crate) fn insert(
    conn: &mut PgConnection,
    customer_id: Option<Uuid>,
) -> QueryResult<Option<(CartRow, String)>> {
    let token = secrets::generate();
    let row = diesel::insert_into(carts::table)
        .values((
            carts::id.eq(Uuid::new_v4()),
            carts::token_hash.eq(&token.hash),
            carts::customer_id.eq(customer_id),
        ))
        .on_conflict(carts::customer_id)
        .filter_target(diesel::dsl::sql::<Bool>("status = 'open'"))
        .do_nothing()
        .returning(CartRow::as_returning())
        .get_result(conn)
        .optional()?;
    Ok(row.map(|row| (row, token.plain)))
}

pub(crate) fn set_status(conn: &mut PgConnection, id: Uuid, status: CartStatus) -> QueryResult<()> {
    diesel::update(carts::table.find(id))
        .set((
            carts::status.eq(status),
            carts::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .map(drop)
}

pub(crate) fn touch(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(carts::table.find(id))
        .set(carts::updated_at.eq(diesel::dsl::now))
        .execute(conn)
        .map(drop)
}

pub(crate) fn offer(conn: &mut PgConnection, variant_id: Uuid) -> QueryResult<Option<Offer>> {
    variants::table
        .inner_join(products::table)
        .filter(variants::id.eq(variant_id))
        .select((
            variants::id,
            variants::stock,
            variants::active.and(products::active),
            products::currency,
        ))
        .first(conn)
        .optional()
}

/// The currency of the cart's items other than `variant_id`: the cart's
/// currency, since adding refuses a second one.
pub(crate) fn currency_besides(
    conn: &mut PgConnection,
    cart_id: Uuid,
    variant_id: Uuid,
) -> QueryResult<Option<String>> {
    cart_items::table
        .inner_join(variants::table.inner_join(products::table))
        .filter(cart_items::cart_id.eq(cart_id))
        .filter(cart_items::variant_id.ne(variant_id))
        .select(products::currency)
        .first(conn)
        .optional()
}

/// How many of the variant the cart holds, if any.
pub(crate) fn quantity(
    conn: &mut PgConnection,
    cart_id: Uuid,
    variant_id: Uuid,
) -> QueryResult<Option<i32>> {
    cart_items::table
        .find((cart_id, variant_id))
        .select(cart_items::quantity)
        .first(conn)
        .optional()
}

/// The cart's items with their offers, in the order they were added.
pub(crate) fn items_with_offers(
    conn: &mut PgConnection,
    cart_id: Uuid,
) -> QueryResult<Vec<(i32, Offer)>> {
    cart_items::table
        .inner_join(variants::table.inner_join(products::table))
        .filter(cart_items::cart_id.eq(cart_id))
        .order((cart_items::added_at, cart_items::variant_id))
        .select((
            cart_items::quantity,
            (
                variants::id,
                variants::stock,
                variants::active.and(products::active),
                products::currency,
            ),
        ))
        .load(conn)
}

/// Sets what the cart holds of the variant, adding the line if it is new.
pub(crate) fn put(
    conn: &mut PgConnection,
    cart_id: Uuid,
    variant_id: Uuid,
    quantity: i32,
) -> QueryResult<()> {
    diesel::insert_into(cart_items::table)
        .values((
            cart_items::cart_id.eq(cart_id),
            cart_items::variant_id.eq(variant_id),
            cart_items::quantity.eq(quantity),
        ))
        .on_conflict((cart_items::cart_id, cart_items::variant_id))
        .do_update()
        .set(cart_items::quantity.eq(quantity))
        .execute(conn)
        .map(drop)
}

/// Whether there was such a line.
pub(crate) fn remove(
    conn: &mut PgConnection,
    cart_id: Uuid,
    variant_id: Uuid,
) -> QueryResult<bool> {
    diesel::delete(cart_items::table.find((cart_id, variant_id)))
        .execute(conn)
        .map(|n| n > 0)
}

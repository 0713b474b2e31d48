//! Product queries, inside the tenant's transaction.

use diesel::dsl::now;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::model::{NewProduct, ProductChanges, ProductRow};
use crate::catalog::error::CatalogError;
use crate::schema::{products, variants};

/// A category deleted between the check and the write is the body's
/// problem, as if it had never been there.
fn map_write_error(e: DbError) -> CatalogError {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
            CatalogError::invalid("category_id", "there is no such category")
        }
        _ => CatalogError::Database(e),
    }
}

pub fn insert(
    conn: &mut PgConnection,
    new: &NewProduct,
    attributes: Map<String, Value>,
) -> Result<ProductRow, CatalogError> {
    diesel::insert_into(products::table)
        .values((
            products::id.eq(Uuid::new_v4()),
            products::category_id.eq(new.category_id),
            products::name.eq(&new.name),
            products::translations.eq(&new.translations),
            products::description.eq(&new.description),
            products::base_price_cents.eq(new.base_price_cents),
            products::currency.eq(new.currency.as_str()),
            products::images.eq(&new.images),
            products::videos.eq(&new.videos),
            products::attributes.eq(Value::Object(attributes)),
            products::active.eq(new.active),
            products::featured.eq(new.featured),
            products::requires_prescription.eq(new.requires_prescription),
            // What the summary trigger works out for a product without
            // variants, so the row returned is already right.
            products::min_price_cents.eq(new.base_price_cents),
            products::in_stock.eq(false),
        ))
        .returning(ProductRow::as_returning())
        .get_result(conn)
        .map_err(map_write_error)
}

/// A product; an inactive one only when `include_inactive`.
pub fn find(
    conn: &mut PgConnection,
    id: Uuid,
    include_inactive: bool,
) -> QueryResult<Option<ProductRow>> {
    let mut query = products::table
        .find(id)
        .select(ProductRow::as_select())
        .into_boxed();
    if !include_inactive {
        query = query.filter(products::active);
    }
    query.first(conn).optional()
}

/// The product, its row locked for the rest of the transaction.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ProductRow>> {
    products::table
        .find(id)
        .select(ProductRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    c: &ProductChanges,
    attributes: Option<Map<String, Value>>,
) -> Result<ProductRow, CatalogError> {
    diesel::update(products::table.find(id))
        .set((
            (
                c.name.as_ref().map(|v| products::name.eq(v)),
                c.translations
                    .as_ref()
                    .map(|v| products::translations.eq(v)),
                c.description.as_ref().map(|v| products::description.eq(v)),
                c.category_id.map(|v| products::category_id.eq(v)),
                c.base_price_cents.map(|v| products::base_price_cents.eq(v)),
                c.currency
                    .as_ref()
                    .map(|v| products::currency.eq(v.as_str().to_string())),
                c.images.as_ref().map(|v| products::images.eq(v)),
                c.videos.as_ref().map(|v| products::videos.eq(v)),
            ),
            (
                attributes.map(|v| products::attributes.eq(Value::Object(v))),
                c.active.map(|v| products::active.eq(v)),
                c.featured.map(|v| products::featured.eq(v)),
                c.requires_prescription
                    .map(|v| products::requires_prescription.eq(v)),
                products::updated_at.eq(now),
            ),
        ))
        .returning(ProductRow::as_returning())
        .get_result(conn)
        .map_err(map_write_error)
}

/// Deleting a product deletes its variants, and each variant's trigger
/// then touches the product. A variant write (stock, checkout) locks the
/// variant first and the product second, so the variants are locked here
/// first too, in id order: the other way round, a delete and a stock change
/// each held what the other waited for, and PostgreSQL broke the deadlock
/// with an error.
pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    variants::table
        .filter(variants::product_id.eq(id))
        .order(variants::id)
        .select(variants::id)
        .for_update()
        .load::<Uuid>(conn)?;
    diesel::delete(products::table.find(id)).execute(conn)
}

/// Every product, on sale or not: what the plan's `products` limit counts.
pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
    products::table.count().get_result(conn)
}

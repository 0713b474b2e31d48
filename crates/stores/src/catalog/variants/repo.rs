//! Variant queries, inside the tenant's transaction.

use diesel::dsl::now;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::model::{NewVariant, VariantChanges, VariantRow};
use crate::catalog::error::CatalogError;
use crate::schema::variants;

/// The SKU is unique across the shop: the unique rule a client can break.
fn map_write_error(e: DbError, sku: Option<&str>) -> CatalogError {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("variants_sku_key") =>
        {
            CatalogError::SkuTaken(sku.unwrap_or_default().to_string())
        }
        _ => CatalogError::Database(e),
    }
}

pub fn insert(
    conn: &mut PgConnection,
    product_id: Uuid,
    new: &NewVariant,
    attributes: Map<String, Value>,
) -> Result<VariantRow, CatalogError> {
    diesel::insert_into(variants::table)
        .values((
            variants::id.eq(Uuid::new_v4()),
            variants::product_id.eq(product_id),
            variants::sku.eq(&new.sku),
            variants::price_cents.eq(new.price_cents),
            variants::stock.eq(new.stock),
            variants::attributes.eq(Value::Object(attributes)),
            variants::active.eq(new.active),
            variants::position.eq(new.position),
        ))
        .returning(VariantRow::as_returning())
        .get_result(conn)
        .map_err(|e| map_write_error(e, Some(&new.sku)))
}

/// The product's variants in their order; inactive ones when asked.
pub fn of_product(
    conn: &mut PgConnection,
    product_id: Uuid,
    include_inactive: bool,
) -> QueryResult<Vec<VariantRow>> {
    let mut query = variants::table
        .filter(variants::product_id.eq(product_id))
        .select(VariantRow::as_select())
        .order((variants::position, variants::created_at, variants::id))
        .into_boxed();
    if !include_inactive {
        query = query.filter(variants::active);
    }
    query.load(conn)
}

/// The variant, its row locked for the rest of the transaction.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<VariantRow>> {
    variants::table
        .find(id)
        .select(VariantRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    c: &VariantChanges,
    attributes: Option<Map<String, Value>>,
) -> Result<VariantRow, CatalogError> {
    diesel::update(variants::table.find(id))
        .set((
            c.sku.as_ref().map(|v| variants::sku.eq(v)),
            c.price_cents.map(|v| variants::price_cents.eq(v)),
            c.stock.map(|v| variants::stock.eq(v)),
            attributes.map(|v| variants::attributes.eq(Value::Object(v))),
            c.active.map(|v| variants::active.eq(v)),
            c.position.map(|v| variants::position.eq(v)),
            variants::updated_at.eq(now),
        ))
        .returning(VariantRow::as_returning())
        .get_result(conn)
        .map_err(|e| map_write_error(e, c.sku.as_deref()))
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(variants::table.find(id)).execute(conn)
}

/// Adds `delta` to the stock when the result stays within 0..=max, in one
/// statement (so concurrent changes add up); None when it would not.
pub fn adjust_stock(
    conn: &mut PgConnection,
    id: Uuid,
    delta: i64,
    max: i64,
) -> QueryResult<Option<VariantRow>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{BigInt, Bool, Integer};
    diesel::update(
        variants::table.find(id).filter(
            sql::<Bool>("stock::bigint + ")
                .bind::<BigInt, _>(delta)
                .sql(" BETWEEN 0 AND ")
                .bind::<BigInt, _>(max),
        ),
    )
    .set((
        variants::stock.eq(sql::<Integer>("(stock::bigint + ")
            .bind::<BigInt, _>(delta)
            .sql(")::integer")),
        variants::updated_at.eq(now),
    ))
    .returning(VariantRow::as_returning())
    .get_result(conn)
    .optional()
}

/// Whether another variant of the product (not `except`) has exactly
/// these values.
pub fn combination_taken(
    conn: &mut PgConnection,
    product_id: Uuid,
    attributes: &Map<String, Value>,
    except: Option<Uuid>,
) -> QueryResult<bool> {
    let mut query = variants::table
        .filter(variants::product_id.eq(product_id))
        .filter(variants::attributes.eq(Value::Object(attributes.clone())))
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(variants::id.ne(id));
    }
    diesel::select(diesel::dsl::exists(query)).get_result(conn)
}

/// The product's variants' SKUs and values, for checking them against
/// another category.
pub fn values_of(conn: &mut PgConnection, product_id: Uuid) -> QueryResult<Vec<(String, Value)>> {
    variants::table
        .filter(variants::product_id.eq(product_id))
        .select((variants::sku, variants::attributes))
        .order(variants::sku)
        .load(conn)
}

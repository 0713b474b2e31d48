//! Attribute queries, inside the tenant's transaction.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use diesel::sql_types::{Array, Text, Uuid as SqlUuid};
use uuid::Uuid;

use super::model::{options_json, translations_json, AttributeChanges, AttributeRow, NewAttribute};
use crate::catalog::error::CatalogError;
use crate::schema::{category_attributes, products, variants};

/// The attributes defined on any of `ids`.
pub fn on_categories(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<AttributeRow>> {
    category_attributes::table
        .filter(category_attributes::category_id.eq_any(ids))
        .select(AttributeRow::as_select())
        .order((category_attributes::position, category_attributes::code))
        .load(conn)
}

pub fn find(
    conn: &mut PgConnection,
    category_id: Uuid,
    code: &str,
) -> QueryResult<Option<AttributeRow>> {
    category_attributes::table
        .filter(category_attributes::category_id.eq(category_id))
        .filter(category_attributes::code.eq(code))
        .select(AttributeRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert(
    conn: &mut PgConnection,
    category_id: Uuid,
    new: &NewAttribute,
) -> Result<AttributeRow, CatalogError> {
    diesel::insert_into(category_attributes::table)
        .values((
            category_attributes::id.eq(Uuid::new_v4()),
            category_attributes::category_id.eq(category_id),
            category_attributes::code.eq(&new.code),
            category_attributes::name.eq(&new.name),
            category_attributes::translations.eq(translations_json(&new.translations)),
            category_attributes::kind.eq(new.kind),
            category_attributes::required.eq(new.required),
            category_attributes::variant.eq(new.variant),
            category_attributes::options.eq(options_json(&new.options)),
            category_attributes::position.eq(new.position),
        ))
        .returning(AttributeRow::as_returning())
        .get_result(conn)
        .map_err(|e| match &e {
            DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                CatalogError::AttributeCodeTaken(new.code.clone())
            }
            _ => CatalogError::Database(e),
        })
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &AttributeChanges,
) -> QueryResult<AttributeRow> {
    // Attributes carry no updated_at: a patch that changes nothing would be
    // an UPDATE with nothing to set, which diesel refuses to build.
    let nothing = changes.name.is_none()
        && changes.translations.is_none()
        && changes.required.is_none()
        && changes.options.is_none()
        && changes.position.is_none();
    if nothing {
        return category_attributes::table
            .find(id)
            .select(AttributeRow::as_select())
            .first(conn);
    }
    diesel::update(category_attributes::table.find(id))
        .set((
            changes
                .name
                .as_ref()
                .map(|n| category_attributes::name.eq(n)),
            changes
                .translations
                .as_ref()
                .map(|t| category_attributes::translations.eq(translations_json(t))),
            changes
                .required
                .map(|r| category_attributes::required.eq(r)),
            changes
                .options
                .as_ref()
                .map(|o| category_attributes::options.eq(options_json(o))),
            changes
                .position
                .map(|p| category_attributes::position.eq(p)),
        ))
        .returning(AttributeRow::as_returning())
        .get_result(conn)
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(category_attributes::table.find(id)).execute(conn)
}

/// Variants of products in `categories` that carry a value for `code`.
pub fn variants_with(conn: &mut PgConnection, categories: &[Uuid], code: &str) -> QueryResult<i64> {
    variants::table
        .inner_join(products::table)
        .filter(products::category_id.eq_any(categories))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("variants.attributes ? ")
                .bind::<Text, _>(code),
        )
        .count()
        .get_result(conn)
}

/// Takes the value of `code` off the products in `categories`.
pub fn strip_from_products(
    conn: &mut PgConnection,
    categories: &[Uuid],
    code: &str,
) -> QueryResult<usize> {
    diesel::sql_query(
        "UPDATE products SET attributes = attributes - $2, updated_at = now() \
         WHERE category_id = ANY ($1) AND attributes ? $2",
    )
    .bind::<Array<SqlUuid>, _>(categories)
    .bind::<Text, _>(code)
    .execute(conn)
}

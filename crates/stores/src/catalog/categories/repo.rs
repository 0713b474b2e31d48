//! Category queries. Table names are unqualified: they run inside a tenant
//! transaction whose search_path picks the tenant's schema.

use diesel::dsl::now;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use diesel::sql_types::{Array, Integer, Jsonb, Nullable, Text, Uuid as SqlUuid};
use serde_json::Value;
use uuid::Uuid;

use super::model::{CategoryChanges, CategoryRow, NewCategory};
use crate::catalog::error::CatalogError;
use crate::catalog::locale::names_json;
use crate::schema::{categories, category_attributes, products};

/// The sibling-name index is the one unique rule a client can break.
fn map_write_error(e: DbError) -> CatalogError {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("categories_sibling_name_idx") =>
        {
            CatalogError::CategoryNameTaken
        }
        _ => CatalogError::Database(e),
    }
}

/// Changes to the tree's shape (create, move, delete, attributes) queue on
/// one lock per shop: two concurrent moves could otherwise each pass the
/// cycle check and together make a loop, and a create could compute its
/// path from a parent being moved. Reads take no lock.
pub fn lock_tree(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query(
        "SELECT pg_advisory_xact_lock(hashtextextended('catalog-tree:' || current_schema(), 0))",
    )
    .execute(conn)
    .map(|_| ())
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<CategoryRow>> {
    categories::table
        .find(id)
        .select(CategoryRow::as_select())
        .first(conn)
        .optional()
}

/// The ids from the top level down to the category, itself included.
pub fn path_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Vec<Uuid>>> {
    categories::table
        .find(id)
        .select(categories::path)
        .first(conn)
        .optional()
}

/// Locks the category's row: products created in it meanwhile wait (their
/// foreign key check shares the row), so a count taken after this holds.
pub fn lock(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Uuid>> {
    categories::table
        .find(id)
        .select(categories::id)
        .for_update()
        .first(conn)
        .optional()
}

pub fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    path: &[Uuid],
    new: &NewCategory,
) -> Result<CategoryRow, CatalogError> {
    diesel::insert_into(categories::table)
        .values((
            categories::id.eq(id),
            categories::parent_id.eq(new.parent_id),
            categories::name.eq(&new.name),
            categories::translations.eq(names_json(&new.translations)),
            categories::path.eq(path),
            categories::position.eq(new.position),
        ))
        .returning(CategoryRow::as_returning())
        .get_result(conn)
        .map_err(map_write_error)
}

/// Every category, parents before children, siblings in their order.
pub fn all(conn: &mut PgConnection) -> QueryResult<Vec<CategoryRow>> {
    categories::table
        .select(CategoryRow::as_select())
        .order((
            diesel::dsl::sql::<Integer>("cardinality(path)"),
            categories::position,
            diesel::dsl::sql::<Text>("lower(name)"),
            categories::id,
        ))
        .load(conn)
}

/// Products on sale per category (not counting subcategories).
pub fn active_product_counts(conn: &mut PgConnection) -> QueryResult<Vec<(Uuid, i64)>> {
    products::table
        .filter(products::active)
        .group_by(products::category_id)
        .select((products::category_id, diesel::dsl::count_star()))
        .load(conn)
}

#[derive(QueryableByName)]
pub struct CrumbRow {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Jsonb)]
    pub translations: Value,
}

/// The categories from the top level down to `id`; empty when there is
/// no such category. One indexed query.
pub fn crumbs(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<CrumbRow>> {
    diesel::sql_query(
        "SELECT c.id, c.name, c.translations \
         FROM categories c JOIN (SELECT path FROM categories WHERE id = $1) s ON c.id = ANY (s.path) \
         ORDER BY array_position(s.path, c.id)",
    )
    .bind::<SqlUuid, _>(id)
    .load(conn)
}

#[derive(QueryableByName)]
struct Depth {
    #[diesel(sql_type = Nullable<Integer>)]
    depth: Option<i32>,
}

/// The length of the longest path in the subtree of `id`.
pub fn subtree_depth(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    let row: Depth = diesel::sql_query(
        "SELECT max(cardinality(path)) AS depth FROM categories WHERE path @> ARRAY[$1]::uuid[]",
    )
    .bind::<SqlUuid, _>(id)
    .get_result(conn)?;
    Ok(row.depth.and_then(|d| usize::try_from(d).ok()).unwrap_or(0))
}

#[derive(QueryableByName)]
struct Code {
    #[diesel(sql_type = Text)]
    code: String,
}

/// An attribute code defined both in the subtree of `id` and on one of
/// `ancestors`: after a move under them it would be defined twice along
/// one branch.
pub fn code_clash(
    conn: &mut PgConnection,
    id: Uuid,
    ancestors: &[Uuid],
) -> QueryResult<Option<String>> {
    let found: Option<Code> = diesel::sql_query(
        "SELECT a.code FROM category_attributes a \
         WHERE a.category_id = ANY ($2) \
           AND a.code IN (SELECT s.code FROM category_attributes s \
                          JOIN categories c ON c.id = s.category_id \
                          WHERE c.path @> ARRAY[$1]::uuid[]) \
         LIMIT 1",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Array<SqlUuid>, _>(ancestors)
    .get_result(conn)
    .optional()?;
    Ok(found.map(|c| c.code))
}

/// Moves `id` and everything under it below `parent` (whose path is
/// `parent_path`; empty for the top level), in one statement: each path in
/// the subtree keeps its part from `id` down and gets the new way above.
pub fn move_subtree(
    conn: &mut PgConnection,
    id: Uuid,
    depth: usize,
    parent: Option<Uuid>,
    parent_path: &[Uuid],
) -> Result<(), CatalogError> {
    let depth = i32::try_from(depth).map_err(|_| CatalogError::CategoryCycle)?;
    diesel::sql_query(
        "UPDATE categories SET \
             path = $2::uuid[] || path[$3:], \
             parent_id = CASE WHEN id = $1 THEN $4 ELSE parent_id END, \
             updated_at = CASE WHEN id = $1 THEN now() ELSE updated_at END \
         WHERE path @> ARRAY[$1]::uuid[]",
    )
    .bind::<SqlUuid, _>(id)
    .bind::<Array<SqlUuid>, _>(parent_path)
    .bind::<Integer, _>(depth)
    .bind::<Nullable<SqlUuid>, _>(parent)
    .execute(conn)
    .map_err(map_write_error)?;
    Ok(())
}

/// Name, translations and position; the move is `move_subtree`.
pub fn update_fields(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &CategoryChanges,
) -> Result<CategoryRow, CatalogError> {
    diesel::update(categories::table.find(id))
        .set((
            changes.name.as_ref().map(|n| categories::name.eq(n)),
            changes
                .translations
                .as_ref()
                .map(|t| categories::translations.eq(names_json(t))),
            changes.position.map(|p| categories::position.eq(p)),
            categories::updated_at.eq(now),
        ))
        .returning(CategoryRow::as_returning())
        .get_result(conn)
        .map_err(map_write_error)
}

pub fn child_count(conn: &mut PgConnection, id: Uuid) -> QueryResult<i64> {
    categories::table
        .filter(categories::parent_id.eq(id))
        .count()
        .get_result(conn)
}

/// Products in the category itself, on sale or not.
pub fn product_count(conn: &mut PgConnection, id: Uuid) -> QueryResult<i64> {
    products::table
        .filter(products::category_id.eq(id))
        .count()
        .get_result(conn)
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(categories::table.find(id)).execute(conn)
}

/// The ids of the category and every category under it.
pub fn subtree_ids(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
    categories::table
        .filter(categories::path.contains(vec![id]))
        .select(categories::id)
        .load(conn)
}

/// Whether a code is defined on one of `ids`.
pub fn code_defined_on(conn: &mut PgConnection, ids: &[Uuid], code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        category_attributes::table
            .filter(category_attributes::category_id.eq_any(ids))
            .filter(category_attributes::code.eq(code)),
    ))
    .get_result(conn)
}

//! The attributes products describe themselves with, defined per category
//! and inherited by every category below it. Codes are unique along each
//! branch, so a product's category has at most one attribute per code.

mod model;
mod repo;
mod values;

use diesel::PgConnection;
use uuid::Uuid;

pub use model::code as parse_code;
pub use model::{
    AttrOption, AttributeBody, AttributeChanges, AttributeDef, AttributeKind, AttributePatch,
    AttributeView, NewAttribute, OptionBody,
};
pub use values::{check_value, number, AttributeSet, Holder};

use crate::catalog::categories::repo as categories;
use crate::catalog::error::{CatalogError, Missing};
use crate::catalog::locale::Locale;

/// The attributes of a category and those it inherits, from the top-level
/// category's down to its own, each level in its order.
fn inherited(
    conn: &mut PgConnection,
    category_id: Uuid,
) -> Result<Option<Vec<model::AttributeRow>>, CatalogError> {
    let Some(path) = categories::path_of(conn, category_id)? else {
        return Ok(None);
    };
    let mut rows = repo::on_categories(conn, &path)?;
    // A stable sort: within a level, the query's (position, code) order stays.
    rows.sort_by_key(|r| path.iter().position(|id| *id == r.category_id));
    Ok(Some(rows))
}

pub fn list(
    conn: &mut PgConnection,
    category_id: Uuid,
    lang: Option<Locale>,
) -> Result<Vec<AttributeView>, CatalogError> {
    let rows = inherited(conn, category_id)?.ok_or(CatalogError::NotFound(Missing::Category))?;
    Ok(rows
        .into_iter()
        .map(|r| AttributeView::of(r, category_id, lang))
        .collect())
}

/// What values a product or variant in the category may carry; None when
/// there is no such category.
pub fn set_for(
    conn: &mut PgConnection,
    category_id: Uuid,
) -> Result<Option<AttributeSet>, CatalogError> {
    Ok(inherited(conn, category_id)?.map(|rows| AttributeSet {
        defs: rows.iter().map(AttributeDef::of).collect(),
    }))
}

pub fn create(
    conn: &mut PgConnection,
    category_id: Uuid,
    lang: Option<Locale>,
    new: &NewAttribute,
) -> Result<AttributeView, CatalogError> {
    // Moves and other attributes queue behind this: the branch checked
    // below is the branch the attribute joins.
    categories::lock_tree(conn)?;
    let path =
        categories::path_of(conn, category_id)?.ok_or(CatalogError::NotFound(Missing::Category))?;
    let mut branch = categories::subtree_ids(conn, category_id)?;
    branch.extend(path);
    if categories::code_defined_on(conn, &branch, &new.code)? {
        return Err(CatalogError::AttributeCodeTaken(new.code.clone()));
    }
    let row = repo::insert(conn, category_id, new)?;
    Ok(AttributeView::of(row, category_id, lang))
}

/// The attribute `code` defines on the category itself. A code that cannot
/// be one (a path segment can hold anything, NUL included) names nothing.
fn own(
    conn: &mut PgConnection,
    category_id: Uuid,
    code: &str,
) -> Result<model::AttributeRow, CatalogError> {
    if parse_code(code).is_err() {
        return Err(CatalogError::NotFound(Missing::Attribute));
    }
    repo::find(conn, category_id, code)?.ok_or(CatalogError::NotFound(Missing::Attribute))
}

pub fn update(
    conn: &mut PgConnection,
    category_id: Uuid,
    code: &str,
    lang: Option<Locale>,
    patch: AttributePatch,
) -> Result<AttributeView, CatalogError> {
    let row = own(conn, category_id, code)?;
    let changes = AttributeChanges::parse(patch, row.kind)?;
    let row = repo::update(conn, row.id, &changes)?;
    Ok(AttributeView::of(row, category_id, lang))
}

/// A product attribute's values leave the products with it; a variant
/// attribute is refused while variants carry it (without it, two of them
/// could no longer be told apart).
pub fn delete(conn: &mut PgConnection, category_id: Uuid, code: &str) -> Result<(), CatalogError> {
    categories::lock_tree(conn)?;
    let row = own(conn, category_id, code)?;
    let subtree = categories::subtree_ids(conn, category_id)?;
    if row.variant {
        let variants = repo::variants_with(conn, &subtree, code)?;
        if variants > 0 {
            return Err(CatalogError::AttributeInUse {
                code: code.to_string(),
                variants,
            });
        }
    } else {
        repo::strip_from_products(conn, &subtree, code)?;
    }
    repo::delete(conn, row.id)?;
    Ok(())
}

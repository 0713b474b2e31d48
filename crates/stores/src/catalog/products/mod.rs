//! Products: what the shop sells, in one category, with a base price,
//! media links and the values of its category's product attributes. Staff
//! change them within the plan's `products` limit; anyone reads one that
//! is on sale, with its variants.

mod model;
mod repo;

use std::collections::BTreeMap;

use diesel::PgConnection;
use serde_json::{Map, Value};
use uuid::Uuid;

pub use model::{NewProduct, ProductBody, ProductChanges, ProductPatch, ProductRow, ProductView};
pub use repo::count;

use crate::catalog::attributes::{self, AttributeSet, Holder};
use crate::catalog::categories;
use crate::catalog::error::{CatalogError, Missing};
use crate::catalog::locale::Locale;
use crate::catalog::variants;
use crate::catalog::Visibility;
use kernel::error::FieldError;

/// The product with its variants and breadcrumbs. An inactive product is
/// there only for staff who asked for it.
pub fn get(
    conn: &mut PgConnection,
    id: Uuid,
    visibility: Visibility,
    lang: Option<Locale>,
) -> Result<ProductView, CatalogError> {
    let row = repo::find(conn, id, visibility.shows_inactive())?
        .ok_or(CatalogError::NotFound(Missing::Product))?;
    let variants = variants::of_product(conn, &row, visibility)?;
    let crumbs = categories::breadcrumbs(conn, row.category_id, lang)?;
    Ok(ProductView::of(row, variants, crumbs, lang))
}

/// The category's attributes; a missing category is the body's problem.
fn attribute_set(conn: &mut PgConnection, category_id: Uuid) -> Result<AttributeSet, CatalogError> {
    attributes::set_for(conn, category_id)?
        .ok_or_else(|| CatalogError::invalid("category_id", "there is no such category"))
}

/// Stored values (`{"code": "text"}`) as a body would send them.
pub(crate) fn as_sent(stored: &Value) -> BTreeMap<String, Value> {
    stored
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// Adds a product, within the tenant's plan's `products` limit.
pub fn create(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    lang: Option<Locale>,
    new: &NewProduct,
) -> Result<ProductView, CatalogError> {
    let set = attribute_set(conn, new.category_id)?;
    let values = set
        .check(Holder::Product, &new.attributes)
        .map_err(CatalogError::Validation)?;
    billing::ensure_room(conn, tenant_id, billing::Limit::Products, 1, count)?;
    let row = repo::insert(conn, new, values)?;
    let crumbs = categories::breadcrumbs(conn, row.category_id, lang)?;
    Ok(ProductView::of(row, Vec::new(), crumbs, lang))
}

/// Changes the fields sent. A new category, or new values, are checked
/// against the category's attributes; a move also checks every variant's
/// values, so nothing is left carrying values its category does not define.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    lang: Option<Locale>,
    changes: &ProductChanges,
) -> Result<ProductView, CatalogError> {
    let current = repo::lock(conn, id)?.ok_or(CatalogError::NotFound(Missing::Product))?;
    let moved = changes.category_id.filter(|c| *c != current.category_id);
    let mut values: Option<Map<String, Value>> = None;
    if moved.is_some() || changes.attributes.is_some() {
        let category = moved.unwrap_or(current.category_id);
        let set = attribute_set(conn, category)?;
        let sent = changes
            .attributes
            .clone()
            .unwrap_or_else(|| as_sent(&current.attributes));
        let checked = set.check(Holder::Product, &sent);
        let mut problems: Vec<FieldError> = checked.as_ref().err().cloned().unwrap_or_default();
        if moved.is_some() {
            problems.extend(variants::misfits(conn, id, &set)?);
        }
        if !problems.is_empty() {
            return Err(CatalogError::Validation(problems));
        }
        values = checked.ok();
    }
    let mut row = repo::update(conn, id, changes, values)?;
    if changes.base_price_cents.is_some() {
        // The summary trigger ran after RETURNING: read what it left.
        row = repo::find(conn, id, true)?.ok_or(CatalogError::NotFound(Missing::Product))?;
    }
    let variants = variants::of_product(conn, &row, Visibility::Staff)?;
    let crumbs = categories::breadcrumbs(conn, row.category_id, lang)?;
    Ok(ProductView::of(row, variants, crumbs, lang))
}

/// Deletes the product and its variants; orders keep their own copy of
/// what was bought.
pub fn delete(conn: &mut PgConnection, id: Uuid) -> Result<(), CatalogError> {
    match repo::delete(conn, id)? {
        0 => Err(CatalogError::NotFound(Missing::Product)),
        _ => Ok(()),
    }
}

pub(crate) fn locked(conn: &mut PgConnection, id: Uuid) -> Result<ProductRow, CatalogError> {
    repo::lock(conn, id)?.ok_or(CatalogError::NotFound(Missing::Product))
}

pub(crate) fn visible(
    conn: &mut PgConnection,
    id: Uuid,
    visibility: Visibility,
) -> Result<ProductRow, CatalogError> {
    repo::find(conn, id, visibility.shows_inactive())?
        .ok_or(CatalogError::NotFound(Missing::Product))
}

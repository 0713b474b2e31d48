//! The category tree: any depth (up to `MAX_DEPTH`), each category's path
//! of ids kept right on create and move, sibling names unique in any case.
//! Staff change it; anyone reads it, as a tree or as breadcrumbs.

mod model;
pub(crate) mod repo;
mod tree;

use std::collections::HashMap;

use diesel::PgConnection;
use uuid::Uuid;

pub use model::{
    CategoryBody, CategoryChanges, CategoryDetail, CategoryNode, CategoryPatch, CategoryView,
    Crumb, NewCategory, MAX_DEPTH, MAX_NAME_CHARS,
};

use crate::catalog::error::{CatalogError, Missing};
use crate::catalog::locale::{display_name, Locale};

/// The whole tree, top-level categories first, each with its products on
/// sale counted over its subtree. Two queries, however deep the tree.
pub fn tree(
    conn: &mut PgConnection,
    lang: Option<Locale>,
) -> Result<Vec<CategoryNode>, CatalogError> {
    let rows = repo::all(conn)?;
    let counts: HashMap<Uuid, i64> = repo::active_product_counts(conn)?.into_iter().collect();
    Ok(tree::build(rows, &counts, lang))
}

/// The way down to a category: from its top-level category to itself.
pub fn breadcrumbs(
    conn: &mut PgConnection,
    id: Uuid,
    lang: Option<Locale>,
) -> Result<Vec<Crumb>, CatalogError> {
    let crumbs: Vec<Crumb> = repo::crumbs(conn, id)?
        .into_iter()
        .map(|c| Crumb {
            display_name: display_name(&c.translations, lang, &c.name),
            id: c.id,
            name: c.name,
        })
        .collect();
    if crumbs.is_empty() {
        return Err(CatalogError::NotFound(Missing::Category));
    }
    Ok(crumbs)
}

pub fn get(
    conn: &mut PgConnection,
    id: Uuid,
    lang: Option<Locale>,
) -> Result<CategoryDetail, CatalogError> {
    let row = repo::find(conn, id)?.ok_or(CatalogError::NotFound(Missing::Category))?;
    let breadcrumbs = breadcrumbs(conn, id, lang)?;
    Ok(CategoryDetail {
        category: CategoryView::of(row, lang),
        breadcrumbs,
    })
}

/// The path of a parent named in a body: a missing one is the body's
/// problem (422), not a missing resource.
fn parent_path(conn: &mut PgConnection, parent: Uuid) -> Result<Vec<Uuid>, CatalogError> {
    repo::path_of(conn, parent)?
        .ok_or_else(|| CatalogError::invalid("parent_id", "there is no such category"))
}

fn too_deep() -> CatalogError {
    CatalogError::invalid(
        "parent_id",
        format!("categories nest at most {MAX_DEPTH} levels deep"),
    )
}

pub fn create(
    conn: &mut PgConnection,
    lang: Option<Locale>,
    new: &NewCategory,
) -> Result<CategoryView, CatalogError> {
    repo::lock_tree(conn)?;
    let mut path = match new.parent_id {
        Some(parent) => parent_path(conn, parent)?,
        None => Vec::new(),
    };
    if path.len() >= MAX_DEPTH {
        return Err(too_deep());
    }
    let id = Uuid::new_v4();
    path.push(id);
    let row = repo::insert(conn, id, &path, new)?;
    Ok(CategoryView::of(row, lang))
}

/// Renames, re-translates, re-orders and moves. A move takes the whole
/// subtree along (one statement rewrites every path in it) and is refused
/// under the category itself or anything below it.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    lang: Option<Locale>,
    changes: &CategoryChanges,
) -> Result<CategoryView, CatalogError> {
    repo::lock_tree(conn)?;
    let current = repo::find(conn, id)?.ok_or(CatalogError::NotFound(Missing::Category))?;
    if let Some(parent) = changes.parent_id {
        if parent != current.parent_id {
            move_under(conn, id, current.path.len(), parent)?;
        }
    }
    let row = repo::update_fields(conn, id, changes)?;
    Ok(CategoryView::of(row, lang))
}

fn move_under(
    conn: &mut PgConnection,
    id: Uuid,
    depth: usize,
    parent: Option<Uuid>,
) -> Result<(), CatalogError> {
    let parent_path = match parent {
        Some(p) => parent_path(conn, p)?,
        None => Vec::new(),
    };
    if parent_path.contains(&id) {
        return Err(CatalogError::CategoryCycle);
    }
    // The subtree's deepest path, re-rooted under the new parent.
    let below = repo::subtree_depth(conn, id)?.saturating_sub(depth);
    if parent_path.len() + 1 + below > MAX_DEPTH {
        return Err(too_deep());
    }
    // Attribute codes are unique along a branch; the new parents must not
    // define one the subtree does.
    if let Some(code) = repo::code_clash(conn, id, &parent_path)? {
        return Err(CatalogError::AttributeCodeTaken(code));
    }
    repo::move_subtree(conn, id, depth, parent, &parent_path)
}

/// Refused while subcategories or products (on sale or not) are in it;
/// its attributes go with it.
pub fn delete(conn: &mut PgConnection, id: Uuid) -> Result<(), CatalogError> {
    repo::lock_tree(conn)?;
    repo::lock(conn, id)?.ok_or(CatalogError::NotFound(Missing::Category))?;
    let subcategories = repo::child_count(conn, id)?;
    let products = repo::product_count(conn, id)?;
    if subcategories > 0 || products > 0 {
        return Err(CatalogError::CategoryInUse {
            subcategories,
            products,
        });
    }
    repo::delete(conn, id)?;
    Ok(())
}

//! The tree as readers get it, built from the flat rows in one pass: each
//! category under its parent, with the products on sale in its subtree.

use std::collections::HashMap;

use uuid::Uuid;

use super::model::{CategoryNode, CategoryRow, MAX_DEPTH};
use crate::catalog::locale::{display_name, Locale};

/// `rows` in any order; `counts` the products on sale per category. A
/// category whose parent is missing (never, through this code) or that
/// sits deeper than the bound is left out rather than failing the read.
pub fn build(
    rows: Vec<CategoryRow>,
    counts: &HashMap<Uuid, i64>,
    lang: Option<Locale>,
) -> Vec<CategoryNode> {
    let mut children: HashMap<Option<Uuid>, Vec<CategoryRow>> = HashMap::new();
    for row in rows {
        children.entry(row.parent_id).or_default().push(row);
    }
    nodes_under(None, &mut children, counts, lang, 1)
}

fn nodes_under(
    parent: Option<Uuid>,
    children: &mut HashMap<Option<Uuid>, Vec<CategoryRow>>,
    counts: &HashMap<Uuid, i64>,
    lang: Option<Locale>,
    depth: usize,
) -> Vec<CategoryNode> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let Some(mut rows) = children.remove(&parent) else {
        return Vec::new();
    };
    rows.sort_by(|a, b| {
        (a.position, a.name.to_lowercase(), a.id).cmp(&(b.position, b.name.to_lowercase(), b.id))
    });
    rows.into_iter()
        .map(|row| {
            let kids = nodes_under(Some(row.id), children, counts, lang, depth + 1);
            let below: i64 = kids.iter().map(|k| k.product_count).sum();
            CategoryNode {
                product_count: counts.get(&row.id).copied().unwrap_or(0) + below,
                display_name: display_name(&row.translations, lang, &row.name),
                id: row.id,
                parent_id: row.parent_id,
                name: row.name,
                translations: row.translations,
                position: row.position,
                children: kids,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "tree_test.rs"]
mod tests;

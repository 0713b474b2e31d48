//! The category tree as the shop's pages show it: flattened in reading
//! order with each category's depth, for the indented list (which opens a
//! nested list under a category with subcategories and closes as many as
//! end after a leaf) and for the selects that pick a category.

use stores::catalog::CategoryNode;
use uuid::Uuid;

use super::ui::Opt;

pub struct Flat {
    pub id: Uuid,
    pub name: String,
    pub depth: usize,
    /// Products on sale in its subtree.
    pub count: i64,
    /// Whether subcategories follow (a nested list opens after it).
    pub parent: bool,
    /// How many nested lists end right after it.
    pub closes: usize,
}

fn walk(nodes: &[CategoryNode], depth: usize, out: &mut Vec<Flat>) {
    for n in nodes {
        out.push(Flat {
            id: n.id,
            name: n.display_name.clone(),
            depth,
            count: n.product_count,
            parent: !n.children.is_empty(),
            closes: 0,
        });
        walk(&n.children, depth + 1, out);
    }
}

/// Every category, parents before their subcategories.
pub fn flatten(tree: &[CategoryNode]) -> Vec<Flat> {
    let mut out = Vec::new();
    walk(tree, 0, &mut out);
    let depths: Vec<usize> = out.iter().map(|f| f.depth).collect();
    for (i, f) in out.iter_mut().enumerate() {
        if !f.parent {
            let next = depths.get(i + 1).copied().unwrap_or(0);
            f.closes = f.depth.saturating_sub(next);
        }
    }
    out
}

/// A select's choices: `first` (none, or the top level) when given, then
/// every category indented by its depth.
pub fn options(tree: &[CategoryNode], first: Option<String>) -> Vec<Opt> {
    first
        .map(|label| Opt::new("", label))
        .into_iter()
        .chain(flatten(tree).into_iter().map(|f| {
            let indent = "— ".repeat(f.depth);
            Opt::new(f.id.to_string(), format!("{indent}{}", f.name))
        }))
        .collect()
}

#[cfg(test)]
#[path = "tree_test.rs"]
mod tests;

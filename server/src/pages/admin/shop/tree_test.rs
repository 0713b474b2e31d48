use serde_json::json;
use stores::catalog::CategoryNode;
use uuid::Uuid;

use super::*;

fn node(name: &str, children: Vec<CategoryNode>) -> CategoryNode {
    CategoryNode {
        id: Uuid::new_v4(),
        parent_id: None,
        name: name.into(),
        display_name: name.into(),
        translations: json!({}),
        position: 0,
        product_count: 0,
        children,
    }
}

#[test]
fn lists_open_under_parents_and_close_after_the_last_leaf() {
    // A > (B > C), D; E
    let tree = vec![
        node(
            "A",
            vec![node("B", vec![node("C", vec![])]), node("D", vec![])],
        ),
        node("E", vec![]),
    ];
    let flat = flatten(&tree);
    let seen: Vec<(&str, usize, bool, usize)> = flat
        .iter()
        .map(|f| (f.name.as_str(), f.depth, f.parent, f.closes))
        .collect();
    assert_eq!(
        seen,
        [
            ("A", 0, true, 0),
            ("B", 1, true, 0),
            ("C", 2, false, 1),
            ("D", 1, false, 1),
            ("E", 0, false, 0),
        ]
    );
    // Every list opened is closed.
    let opened = flat.iter().filter(|f| f.parent).count();
    let closed: usize = flat.iter().map(|f| f.closes).sum();
    assert_eq!(opened, closed);
}

#[test]
fn choices_are_indented_by_depth() {
    let tree = vec![node("A", vec![node("B", vec![])])];
    let labels: Vec<String> = options(&tree, Some("Top".into()))
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert_eq!(labels, ["Top", "A", "— B"]);
}

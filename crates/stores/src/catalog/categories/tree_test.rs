use chrono::Utc;
use serde_json::json;

use super::*;

fn row(id: Uuid, parent: Option<Uuid>, name: &str, position: i32) -> CategoryRow {
    CategoryRow {
        id,
        parent_id: parent,
        name: name.into(),
        translations: json!({"fa": format!("{name} (fa)")}),
        path: vec![id],
        position,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

#[test]
fn children_sit_under_their_parent_in_order_with_subtree_counts() {
    let (root, a, b, leaf) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    let rows = vec![
        row(leaf, Some(b), "Leaf", 0),
        row(b, Some(root), "beta", 0),
        row(a, Some(root), "Alpha", 0),
        row(root, None, "Root", 0),
    ];
    let counts = HashMap::from([(root, 1), (leaf, 2), (a, 4)]);
    let tree = build(rows, &counts, Some(Locale::Fa));
    assert_eq!(tree.len(), 1);
    let top = &tree[0];
    assert_eq!(top.display_name, "Root (fa)");
    assert_eq!(top.product_count, 7);
    let names: Vec<&str> = top.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "beta"]);
    assert_eq!(top.children[1].product_count, 2);
    assert_eq!(top.children[1].children[0].id, leaf);
}

#[test]
fn position_orders_before_the_name_and_orphans_are_left_out() {
    let (x, y, orphan) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let rows = vec![
        row(x, None, "A", 2),
        row(y, None, "Z", 1),
        row(orphan, Some(Uuid::new_v4()), "Lost", 0),
    ];
    let tree = build(rows, &HashMap::new(), None);
    let names: Vec<&str> = tree.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Z", "A"]);
}

#[test]
fn a_chain_deeper_than_the_bound_is_cut() {
    let mut rows = Vec::new();
    let mut parent = None;
    for i in 0..(MAX_DEPTH + 5) {
        let id = Uuid::new_v4();
        rows.push(row(id, parent, &format!("L{i}"), 0));
        parent = Some(id);
    }
    let tree = build(rows, &HashMap::new(), None);
    let mut depth = 0;
    let mut level = &tree;
    while let Some(node) = level.first() {
        depth += 1;
        level = &node.children;
    }
    assert_eq!(depth, MAX_DEPTH);
}

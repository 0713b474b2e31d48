use super::*;
use crate::catalog::listing::params::AttrFilter;

fn placeholders(text: &str) -> usize {
    (1..100)
        .take_while(|n| text.contains(&format!("${n}")))
        .count()
}

#[test]
fn the_plain_list_filters_on_sale_and_uses_the_newest_order() {
    let sql = list(&ProductFilter::default());
    assert!(sql.text.contains("WHERE TRUE AND p.active"), "{}", sql.text);
    assert!(sql
        .text
        .ends_with("ORDER BY p.created_at DESC, p.id DESC LIMIT $1"));
    assert!(!sql.text.contains("tsquery"));
}

#[test]
fn every_value_is_a_parameter() {
    let f = ProductFilter {
        category: Some(Uuid::new_v4()),
        q: Some("'; DROP TABLE products; --".into()),
        min_price: Some(1),
        max_price: Some(2),
        in_stock: true,
        attributes: vec![AttrFilter {
            code: "color".into(),
            values: vec!["crimson' OR '1'='1".into()],
        }],
        sort: ProductSort::Relevance,
        limit: 20,
        after: Some(Cursor {
            key: Key::Rank(0.5),
            id: Uuid::new_v4(),
        }),
        include_inactive: true,
    };
    let sql = list(&f);
    assert!(!sql.text.contains("DROP"));
    assert!(!sql.text.contains("crimson"));
    assert!(!sql.text.contains("AND p.active"));
    assert_eq!(placeholders(&sql.text), sql.binds.len());
    assert!(sql
        .text
        .contains("FROM store_search_query($1) AS w(q) JOIN products p ON p.search @@ w.q WHERE"));
    assert!(sql.text.contains("ORDER BY ts_rank(p.search, w.q) DESC"));
    assert!(
        sql.text.ends_with("DESC, p.id DESC LIMIT $8"),
        "{}",
        sql.text
    );
    let facets = facets(&f);
    assert_eq!(placeholders(&facets.text), facets.binds.len());
    assert!(!facets.text.contains("LIMIT"));
}

#[test]
fn ascending_sorts_page_upwards() {
    let f = ProductFilter {
        sort: ProductSort::PriceAsc,
        after: Some(Cursor {
            key: Key::Price(100),
            id: Uuid::new_v4(),
        }),
        ..ProductFilter::default()
    };
    let sql = list(&f);
    assert!(sql
        .text
        .contains("AND p.min_price_cents >= $1 AND (p.min_price_cents > $1 OR p.id > $2)"));
    assert!(sql
        .text
        .contains("ORDER BY p.min_price_cents ASC, p.id ASC"));
}

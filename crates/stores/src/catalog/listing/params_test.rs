use utoipa::IntoParams;

use super::*;
use crate::catalog::listing::cursor::Key;

fn pairs(query: &str) -> Vec<(String, String)> {
    serde_urlencoded_pairs(query)
}

/// What actix's query extractor hands over.
fn serde_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.replace('+', " "))
        })
        .collect()
}

fn parse(query: &str) -> Result<ListRequest, CatalogError> {
    ListRequest::from_pairs(&pairs(query), false)
}

#[test]
fn the_documented_parameters_are_the_accepted_ones() {
    let documented: Vec<String> = ProductListQuery::into_params(|| None)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(documented, PARAMS);
}

#[test]
fn defaults_are_the_newest_twenty_on_sale() {
    let r = parse("").unwrap();
    assert_eq!(r.filter.sort, ProductSort::Newest);
    assert_eq!(r.filter.limit, 20);
    assert!(!r.facets);
    assert!(!r.filter.include_inactive);
}

#[test]
fn filters_are_read() {
    let id = Uuid::new_v4();
    let r = parse(&format!(
        "category={id}&min_price=100&max_price=900&in_stock=true&attr=size:M&attr=color:red&attr=color:blue&attr=color:red&sort=price_desc&limit=5&facets=true&lang=fa-IR"
    ))
    .unwrap();
    let f = r.filter;
    assert_eq!(f.category, Some(id));
    assert_eq!((f.min_price, f.max_price), (Some(100), Some(900)));
    assert!(f.in_stock);
    assert_eq!(
        f.attributes,
        [
            AttrFilter {
                code: "color".into(),
                values: vec!["red".into(), "blue".into()]
            },
            AttrFilter {
                code: "size".into(),
                values: vec!["M".into()]
            },
        ]
    );
    assert_eq!(f.sort, ProductSort::PriceDesc);
    assert_eq!(f.limit, 5);
    assert!(r.facets);
    assert_eq!(r.lang, Some(Locale::Fa));
}

#[test]
fn search_words_default_to_relevance_and_relevance_needs_them() {
    assert_eq!(
        parse("q=shirt").unwrap().filter.sort,
        ProductSort::Relevance
    );
    assert_eq!(
        parse("q=shirt&sort=newest").unwrap().filter.sort,
        ProductSort::Newest
    );
    assert!(matches!(
        parse("sort=relevance"),
        Err(CatalogError::InvalidQuery { .. })
    ));
}

#[test]
fn only_staff_may_see_inactive_products() {
    let q = pairs("include_inactive=true");
    assert!(
        !ListRequest::from_pairs(&q, false)
            .unwrap()
            .filter
            .include_inactive
    );
    assert!(
        ListRequest::from_pairs(&q, true)
            .unwrap()
            .filter
            .include_inactive
    );
}

#[test]
fn limits_are_refused_not_clamped() {
    for bad in ["limit=0", "limit=101", "limit=-1"] {
        assert!(
            matches!(parse(bad), Err(CatalogError::InvalidLimit(_))),
            "{bad}"
        );
    }
    assert!(matches!(
        parse("limit=ten"),
        Err(CatalogError::InvalidQuery { .. })
    ));
}

#[test]
fn bad_parameters_are_refused() {
    let long = format!("q={}", "x".repeat(MAX_QUERY_CHARS + 1));
    let many = (0..=MAX_ATTRIBUTE_FILTERS)
        .map(|i| format!("attr=c:{i}"))
        .collect::<Vec<_>>()
        .join("&");
    for bad in [
        "colour=red",
        "category=nope",
        "min_price=-1",
        "max_price=1e3",
        "min_price=10&max_price=5",
        "in_stock=yes",
        "attr=red",
        "attr=Color:red",
        "attr=color:",
        "sort=cheapest",
        "q=a\u{0}b",
        long.as_str(),
        "limit=5&limit=6",
        many.as_str(),
        "cursor=junk",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    // Blank values filter nothing.
    assert!(parse("q=&category=&attr=&min_price=").is_ok());
}

#[test]
fn a_cursor_is_read_in_its_sort() {
    let raw = Cursor {
        key: Key::Price(500),
        id: Uuid::new_v4(),
    }
    .encode(ProductSort::PriceAsc);
    assert!(parse(&format!("sort=price_asc&cursor={raw}"))
        .unwrap()
        .filter
        .after
        .is_some());
    assert!(matches!(
        parse(&format!("cursor={raw}")),
        Err(CatalogError::InvalidCursor)
    ));
}

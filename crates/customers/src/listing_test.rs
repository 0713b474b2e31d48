//! Unit tests of listing.rs.

use super::*;

fn query(limit: Option<i64>) -> ListQuery {
    ListQuery {
        q: None,
        tag: None,
        limit,
        cursor: None,
    }
}

#[test]
fn wildcards_in_search_text_are_literal() {
    assert_eq!(contains_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
}

#[test]
fn limit_defaults_and_is_bounded() {
    assert_eq!(ListFilter::parse(query(None)).unwrap().limit, 20);
    assert_eq!(ListFilter::parse(query(Some(100))).unwrap().limit, 100);
    for bad in [0, -1, 101] {
        let err = ListFilter::parse(query(Some(bad))).unwrap_err();
        assert!(
            matches!(err, CustomerError::InvalidLimit(n) if n == bad),
            "{err:?}"
        );
    }
}

#[test]
fn search_text_the_database_cannot_take_is_refused() {
    for (q, problem) in [
        ("a\0b".to_string(), "NUL"),
        ("x".repeat(MAX_QUERY_CHARS + 1), "longer than 200"),
    ] {
        let err = ListFilter::parse(ListQuery {
            q: Some(q),
            ..query(None)
        })
        .unwrap_err();
        let shown = kernel::AppError::from(err);
        assert_eq!(shown.code, "invalid_query");
        assert!(shown.detail.starts_with("q "), "{}", shown.detail);
        assert!(shown.detail.contains(problem), "{}", shown.detail);
    }
}

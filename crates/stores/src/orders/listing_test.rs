use chrono::TimeZone;

use super::*;

fn parse(query: ListQuery) -> Result<ListFilter, OrderError> {
    ListFilter::parse(query)
}

#[test]
fn defaults_to_twenty_newest_of_any_status() {
    let f = parse(ListQuery::default()).unwrap();
    assert_eq!(f.limit, DEFAULT_LIMIT);
    assert!(f.status.is_none() && f.email_pattern.is_none() && f.after.is_none());
}

#[test]
fn a_page_size_out_of_range_is_refused_not_clamped() {
    for limit in [0, -1, MAX_LIMIT + 1, i64::MAX] {
        let e = parse(ListQuery {
            limit: Some(limit),
            ..Default::default()
        })
        .unwrap_err();
        assert!(matches!(e, OrderError::InvalidLimit(l) if l == limit));
    }
}

#[test]
fn an_unknown_status_names_the_known_ones() {
    let e = parse(ListQuery {
        status: Some("lost".into()),
        ..Default::default()
    })
    .unwrap_err();
    assert!(e.to_string().contains("pending_payment"), "{e}");
    let f = parse(ListQuery {
        status: Some("shipped".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(f.status, Some(OrderStatus::Shipped));
}

#[test]
fn the_email_is_matched_as_text_in_lower_case() {
    let f = parse(ListQuery {
        email: Some(" Ann_%@Example.com ".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(f.email_pattern.unwrap(), r"%ann\_\%@example.com%");
    for bad in ["a\0b".to_string(), "x".repeat(300)] {
        assert!(parse(ListQuery {
            email: Some(bad),
            ..Default::default()
        })
        .is_err());
    }
}

#[test]
fn the_window_must_run_forward_within_the_calendar() {
    let at = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    assert!(parse(ListQuery {
        created_from: Some(at(2027)),
        created_to: Some(at(2026)),
        ..Default::default()
    })
    .is_err());
    assert!(parse(ListQuery {
        created_from: Some(at(1)),
        ..Default::default()
    })
    .is_err());
    assert!(parse(ListQuery {
        created_from: Some(at(2026)),
        created_to: Some(at(2027)),
        ..Default::default()
    })
    .is_ok());
}

#[test]
fn a_cursor_not_handed_out_is_refused() {
    let e = parse(ListQuery {
        cursor: Some("bm90LWEtY3Vyc29y".into()),
        ..Default::default()
    })
    .unwrap_err();
    assert!(matches!(e, OrderError::InvalidCursor));
}

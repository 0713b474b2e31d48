use serde_json::json;

use super::*;

fn event(object: Value) -> Event {
    let body = json!({"id": "evt_1", "type": "invoice.paid", "created": 1_700_000_000,
        "data": {"object": object}});
    Event::parse(body.to_string().as_bytes()).unwrap()
}

#[test]
fn the_tenant_comes_from_metadata_first() {
    let e = event(json!({"metadata": {"tenant": "a"},
        "subscription_details": {"metadata": {"tenant": "b"}}}));
    assert_eq!(e.tenant_slug(), Some("a"));
    let e = event(json!({"subscription_details": {"metadata": {"tenant": "b"}}}));
    assert_eq!(e.tenant_slug(), Some("b"));
    let e = event(json!({"lines": {"data": [{"metadata": {"tenant": "c"}}]}}));
    assert_eq!(e.tenant_slug(), Some("c"));
    assert_eq!(event(json!({})).tenant_slug(), None);
}

#[test]
fn the_period_skips_an_empty_range() {
    let e = event(json!({"period_start": 10, "period_end": 10,
        "lines": {"data": [{"period": {"start": 100, "end": 200}}]}}));
    let (start, end) = e.period().unwrap();
    assert_eq!((start.timestamp(), end.timestamp()), (100, 200));
    let e = event(json!({"period_start": 10, "period_end": 20}));
    assert_eq!(e.period().unwrap().1.timestamp(), 20);
    assert!(event(json!({"period_start": 10, "period_end": 10}))
        .period()
        .is_none());
    let far = event(json!({"period_start": 10, "period_end": 99_999_999_999_999_i64}));
    assert!(far.period().is_none());
}

#[test]
fn malformed_events_are_refused() {
    for body in [
        "not json",
        r#"{"type": "invoice.paid", "created": 1, "data": {"object": {}}}"#,
        r#"{"id": "e", "created": 1, "data": {"object": {}}}"#,
        r#"{"id": "e", "type": "x", "created": "yesterday", "data": {"object": {}}}"#,
        r#"{"id": "e", "type": "x", "created": 1, "data": {}}"#,
        r#"{"id": "e", "type": "x", "created": -5, "data": {"object": {}}}"#,
        r#"{"id": "e", "type": "x", "created": 99999999999999, "data": {"object": {}}}"#,
        r#"{"id": "e\u0000", "type": "x", "created": 1, "data": {"object": {}}}"#,
    ] {
        let err = Event::parse(body.as_bytes()).unwrap_err();
        assert_eq!(err.code, "invalid_event", "{body}");
    }
}

//! Unit tests of model.rs.

use super::*;

fn body() -> ServiceBody {
    ServiceBody {
        name: " Haircut ".into(),
        description: None,
        duration_minutes: 30,
        price_cents: 2500,
        currency: None,
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        category_id: None,
        metadata: None,
        active: None,
    }
}

fn field_of(e: BookingError) -> String {
    match e {
        BookingError::Invalid { field, .. } => field,
        other => panic!("not a field error: {other:?}"),
    }
}

#[test]
fn a_plain_service_gets_the_defaults() {
    let s = NewService::parse(body()).unwrap();
    assert_eq!(s.name, "Haircut");
    assert_eq!(s.price, Money::price(2500, Currency::EUR).unwrap());
    assert!(s.active);
    assert_eq!(s.metadata, serde_json::json!({}));
}

#[test]
fn the_first_broken_rule_is_reported_in_field_order() {
    let mut b = body();
    b.price_cents = -1;
    b.currency = Some("EURO".into());
    assert_eq!(field_of(NewService::parse(b).unwrap_err()), "price_cents");
    let mut b = body();
    b.currency = Some("EURO".into());
    b.buffer_after_minutes = 481;
    assert_eq!(field_of(NewService::parse(b).unwrap_err()), "currency");
    let mut b = body();
    b.duration_minutes = 4;
    b.name = String::new();
    assert_eq!(field_of(NewService::parse(b).unwrap_err()), "name");
}

#[test]
fn durations_buffers_and_metadata_are_bounded() {
    for (tweak, field) in [
        (
            (|b: &mut ServiceBody| b.duration_minutes = 1441) as fn(&mut ServiceBody),
            "duration_minutes",
        ),
        (
            |b: &mut ServiceBody| b.buffer_before_minutes = -1,
            "buffer_before_minutes",
        ),
        (
            |b: &mut ServiceBody| b.metadata = Some(serde_json::json!([])),
            "metadata",
        ),
    ] {
        let mut b = body();
        tweak(&mut b);
        assert_eq!(field_of(NewService::parse(b).unwrap_err()), field);
    }
}

#[test]
fn a_change_checks_only_what_it_names() {
    let changes = ServiceChanges::parse(ServicePatch {
        currency: Some("usd".into()),
        category_id: Some(None),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(changes.currency.as_deref(), Some("USD"));
    assert_eq!(changes.new_category(), None);
    let bad = ServiceChanges::parse(ServicePatch {
        price_cents: Some(-5),
        ..Default::default()
    });
    assert_eq!(field_of(bad.unwrap_err()), "price_cents");
}

#[test]
fn nul_is_refused_in_every_text_and_in_metadata() {
    let nul = "a\u{0}b".to_string();
    let mut b = body();
    b.name = nul.clone();
    assert_eq!(field_of(NewService::parse(b).unwrap_err()), "name");
    let mut b = body();
    b.description = Some(nul.clone());
    assert_eq!(field_of(NewService::parse(b).unwrap_err()), "description");
    for metadata in [
        serde_json::json!({ "k": nul }),
        serde_json::json!({ nul.clone(): 1 }),
        serde_json::json!({ "k": [{ "deep": nul }] }),
    ] {
        let mut b = body();
        b.metadata = Some(metadata.clone());
        assert_eq!(field_of(NewService::parse(b).unwrap_err()), "metadata");
        let patch = ServicePatch {
            metadata: Some(metadata),
            ..Default::default()
        };
        assert_eq!(
            field_of(ServiceChanges::parse(patch).unwrap_err()),
            "metadata"
        );
    }
}

use serde_json::json;

use super::*;

fn body(value: serde_json::Value) -> ProductBody {
    serde_json::from_value(value).unwrap()
}

fn base() -> serde_json::Value {
    json!({
        "name": "Shirt", "category_id": Uuid::new_v4(), "base_price_cents": 1999, "currency": "eur"
    })
}

#[test]
fn a_new_product_takes_its_defaults() {
    let new = NewProduct::parse(body(base())).unwrap();
    assert_eq!(new.currency.as_str(), "EUR");
    assert!(new.active);
    assert!(!new.featured);
    assert_eq!(new.translations, json!({}));
}

#[test]
fn every_bad_field_is_listed() {
    let mut b = base();
    b["name"] = json!("");
    b["base_price_cents"] = json!(1_000_000_000_001_i64);
    b["currency"] = json!("euro");
    b["images"] = json!(["http://example.com/a.png"]);
    b["description"] = json!("a\u{0}");
    b["translations"] = json!({"fa": {"name": ""}, "it": {"name": "Camicia"}});
    let Err(CatalogError::Validation(errors)) = NewProduct::parse(body(b)) else {
        panic!("accepted");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "name",
            "translations.fa.name",
            "translations.it",
            "description",
            "base_price_cents",
            "currency",
            "images[0]"
        ]
    );
}

#[test]
fn a_patch_refuses_null_where_a_value_is_needed() {
    let patch: ProductPatch = serde_json::from_value(
        json!({"base_price_cents": null, "active": null, "description": null}),
    )
    .unwrap();
    let Err(CatalogError::Validation(errors)) = ProductChanges::parse(patch) else {
        panic!("accepted");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["base_price_cents", "active"]);
    let patch: ProductPatch =
        serde_json::from_value(json!({"description": null, "images": null})).unwrap();
    let changes = ProductChanges::parse(patch).unwrap();
    assert_eq!(changes.description, Some(None));
    assert_eq!(changes.images, Some(vec![]));
}

use serde_json::json;

use super::*;
use crate::catalog::attributes::AttrOption;

fn def(
    code: &str,
    kind: AttributeKind,
    variant: bool,
    required: bool,
    options: &[&str],
) -> AttributeDef {
    AttributeDef {
        code: code.into(),
        kind,
        required,
        variant,
        options: options
            .iter()
            .map(|v| AttrOption {
                value: v.to_string(),
                hex: (kind == AttributeKind::Color).then(|| "#000000".to_string()),
            })
            .collect(),
    }
}

fn set() -> AttributeSet {
    AttributeSet {
        defs: vec![
            def("color", AttributeKind::Color, true, true, &["red", "blue"]),
            def("size", AttributeKind::Size, true, false, &["S", "M"]),
            def("material", AttributeKind::Text, false, true, &[]),
            def("weight", AttributeKind::Number, false, false, &[]),
            def("shade", AttributeKind::Color, false, false, &[]),
        ],
    }
}

fn raw(value: serde_json::Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).unwrap()
}

fn fields(errors: Vec<FieldError>) -> Vec<String> {
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn a_variant_takes_variant_attributes_in_their_options_spelling() {
    let values = set()
        .check(Holder::Variant, &raw(json!({"color": "RED", "size": "m"})))
        .unwrap();
    assert_eq!(values["color"], "red");
    assert_eq!(values["size"], "M");
}

#[test]
fn wrong_holder_unknown_code_bad_value_and_missing_required_are_each_reported() {
    let errors = set()
        .check(
            Holder::Variant,
            &raw(json!({"material": "cotton", "fabric": "x", "size": "XL"})),
        )
        .unwrap_err();
    assert_eq!(
        fields(errors),
        [
            "attributes.fabric",
            "attributes.material",
            "attributes.size",
            "attributes.color"
        ]
    );
    let errors = set()
        .check(
            Holder::Product,
            &raw(json!({"color": "red", "weight": "heavy"})),
        )
        .unwrap_err();
    assert_eq!(
        fields(errors),
        [
            "attributes.color",
            "attributes.weight",
            "attributes.material"
        ]
    );
}

#[test]
fn product_values_are_checked_by_kind() {
    let values = set()
        .check(
            Holder::Product,
            &raw(json!({"material": " cotton ", "weight": 1.50, "shade": "#AABBCC"})),
        )
        .unwrap();
    assert_eq!(values["material"], "cotton");
    assert_eq!(values["weight"], "1.5");
    assert_eq!(values["shade"], "#aabbcc");
    for bad in [
        json!({"material": true}),
        json!({"material": ["a"]}),
        json!({"material": "x", "shade": "sparkly"}),
        json!({"material": "a\nb"}),
    ] {
        assert!(
            set().check(Holder::Product, &raw(bad.clone())).is_err(),
            "{bad}"
        );
    }
    // Null is "not set".
    assert!(set()
        .check(
            Holder::Product,
            &raw(json!({"material": "x", "weight": null}))
        )
        .is_ok());
    assert!(set()
        .check(Holder::Product, &raw(json!({"material": null})))
        .is_err());
}

#[test]
fn too_many_values_are_refused_at_once() {
    let many: BTreeMap<String, Value> = (0..=MAX_VALUES)
        .map(|i| (format!("k{i}"), json!("v")))
        .collect();
    assert_eq!(
        fields(set().check(Holder::Product, &many).unwrap_err()),
        ["attributes"]
    );
}

#[test]
fn numbers_have_one_spelling() {
    for (raw, stored) in [
        ("42", "42"),
        ("007", "7"),
        ("1.50", "1.5"),
        ("-0", "0"),
        ("-0.0", "0"),
        ("0.25", "0.25"),
        ("-3.10", "-3.1"),
        ("1.0", "1"),
    ] {
        assert_eq!(number(raw).as_deref(), Ok(stored), "{raw}");
    }
    for bad in [
        "",
        "-",
        ".5",
        "5.",
        "1e5",
        "+1",
        "1,5",
        "1.1234567",
        "1234567890123456",
        "NaN",
        "١٢",
    ] {
        assert!(number(bad).is_err(), "{bad}");
    }
}

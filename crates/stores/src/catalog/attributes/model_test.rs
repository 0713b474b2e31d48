use serde_json::json;

use super::*;

fn body(value: serde_json::Value) -> AttributeBody {
    serde_json::from_value(value).unwrap()
}

#[test]
fn codes_are_lower_case_identifiers() {
    assert!(code("color").is_ok());
    assert!(code("size_eu2").is_ok());
    for bad in ["", "Color", "2size", "a-b", "ä", &"a".repeat(41)] {
        assert!(code(bad).is_err(), "{bad}");
    }
}

#[test]
fn colour_options_need_a_hex_and_others_refuse_one() {
    let new = NewAttribute::parse(body(json!({
        "code": "color", "name": "Colour", "kind": "color", "variant": true,
        "options": [{"value": "Red", "hex": "#FF0000"}, {"value": "blue", "hex": "#0000ff"}]
    })))
    .unwrap();
    assert_eq!(new.options[0].hex.as_deref(), Some("#ff0000"));
    assert!(new.variant);

    let Err(CatalogError::Validation(errors)) = NewAttribute::parse(body(json!({
        "code": "color", "name": "Colour", "kind": "color",
        "options": [{"value": "red"}, {"value": "green", "hex": "green"}, {"value": "RED", "hex": "#ff0000"}]
    }))) else {
        panic!("accepted");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["options[0].hex", "options[1].hex"]);

    let Err(CatalogError::Validation(errors)) = NewAttribute::parse(body(json!({
        "code": "size", "name": "Size", "kind": "size",
        "options": [{"value": "M", "hex": "#ffffff"}]
    }))) else {
        panic!("accepted");
    };
    assert_eq!(errors[0].field, "options[0].hex");
}

#[test]
fn duplicate_options_and_unknown_kinds_are_refused() {
    let Err(CatalogError::Validation(errors)) = NewAttribute::parse(body(json!({
        "code": "size", "name": "Size", "kind": "size",
        "options": [{"value": "M"}, {"value": "m"}]
    }))) else {
        panic!("accepted");
    };
    assert_eq!(errors[0].field, "options[1].value");
    let Err(CatalogError::Validation(errors)) = NewAttribute::parse(body(json!({
        "code": "x", "name": "X", "kind": "weight"
    }))) else {
        panic!("accepted");
    };
    assert_eq!(errors[0].field, "kind");
}

#[test]
fn number_options_are_stored_in_one_spelling() {
    let new = NewAttribute::parse(body(json!({
        "code": "volume", "name": "Volume", "kind": "number",
        "options": [{"value": 250}, {"value": "0500.50"}]
    })))
    .unwrap();
    let values: Vec<&str> = new.options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["250", "500.5"]);
}

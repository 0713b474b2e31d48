//! Unit tests of model.rs and address.rs: what a checkout body must be.

use serde_json::json;

use super::*;
use crate::checkout::address::COUNTRIES;

fn body(value: serde_json::Value) -> CheckoutBody {
    serde_json::from_value(value).unwrap()
}

fn good() -> serde_json::Value {
    json!({
        "email": " Ada@Example.COM ",
        "name": "Ada Lovelace",
        "phone": "+44 20 7946 0958",
        "shipping_address": {
            "line1": "12 Rue de la Paix", "city": "Paris", "postal_code": "75002", "country": "fr"
        },
        "coupon": " summer-10 "
    })
}

fn fields_of(e: CheckoutError) -> Vec<String> {
    match e {
        CheckoutError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn a_good_body_is_normalised() {
    let input = CheckoutInput::parse(&body(good())).unwrap();
    assert_eq!(input.email.as_str(), "ada@example.com");
    assert_eq!(input.phone.unwrap().as_str(), "+442079460958");
    assert_eq!(input.shipping_address.country, "FR");
    assert_eq!(input.shipping_address.line2, None);
    assert_eq!(input.coupon.unwrap().as_str(), "SUMMER-10");
    let stored = serde_json::to_value(&input.shipping_address).unwrap();
    assert_eq!(
        stored,
        json!({"line1": "12 Rue de la Paix", "city": "Paris", "postal_code": "75002", "country": "FR"})
    );
}

#[test]
fn a_blank_coupon_or_phone_is_none() {
    let mut v = good();
    v["coupon"] = json!("  ");
    v["phone"] = json!("");
    let input = CheckoutInput::parse(&body(v)).unwrap();
    assert!(input.coupon.is_none());
    assert!(input.phone.is_none());
}

#[test]
fn every_bad_field_is_named_in_one_answer() {
    let v = json!({
        "email": "not-an-email",
        "name": " ",
        "phone": "0612",
        "shipping_address": {
            "line1": "a\u{0}b", "line2": "x".repeat(201), "city": "",
            "postal_code": "75<02", "region": "Île-de-France", "country": "XX"
        },
        "coupon": "no spaces allowed"
    });
    assert_eq!(
        fields_of(CheckoutInput::parse(&body(v)).unwrap_err()),
        [
            "email",
            "name",
            "phone",
            "shipping_address.line1",
            "shipping_address.line2",
            "shipping_address.city",
            "shipping_address.postal_code",
            "shipping_address.country",
            "coupon",
        ]
    );
}

#[test]
fn the_country_list_is_sorted_and_complete() {
    assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
    for code in ["FR", "US", "IR", "DZ", "GB", "AX", "ZW"] {
        assert!(COUNTRIES.contains(&code), "{code}");
    }
    for code in ["UK", "EU", "XK", "ZZ"] {
        assert!(!COUNTRIES.contains(&code), "{code}");
    }
}

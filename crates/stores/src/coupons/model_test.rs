//! Unit tests of model.rs: codes, discounts and the checks of a new coupon.

use chrono::TimeZone;

use super::*;

fn body(code: &str) -> CreateBody {
    CreateBody {
        code: code.into(),
        percent_off: Some(10),
        amount_off_cents: None,
        min_subtotal_cents: None,
        starts_at: None,
        ends_at: None,
        usage_limit: None,
        per_customer_limit: None,
        active: None,
    }
}

fn fields_of(e: CouponError) -> Vec<String> {
    match e {
        CouponError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn codes_are_upper_cased_and_checked() {
    assert_eq!(
        CouponCode::parse(" summer-10 ").unwrap().as_str(),
        "SUMMER-10"
    );
    assert_eq!(CouponCode::parse("a_1").unwrap().as_str(), "A_1");
    for bad in [
        "",
        "A",
        "-ABC",
        "_AB",
        "AB CD",
        "ÉTÉ",
        "AB\0",
        &"A".repeat(41),
    ] {
        assert!(CouponCode::parse(bad).is_err(), "{bad:?} passed");
    }
    assert!(CouponCode::parse(&"A".repeat(40)).is_ok());
}

#[test]
fn a_discount_never_exceeds_the_subtotal() {
    assert_eq!(Discount::Percent(10).of(1999), 200);
    assert_eq!(Discount::Percent(10).of(1994), 199);
    assert_eq!(Discount::Percent(100).of(1999), 1999);
    assert_eq!(Discount::Percent(50).of(i64::MAX), i64::MAX / 2 + 1);
    assert_eq!(Discount::Amount(500).of(1999), 500);
    assert_eq!(Discount::Amount(5000).of(1999), 1999);
    assert_eq!(Discount::Amount(i64::MAX).of(0), 0);
}

#[test]
fn a_new_coupon_has_exactly_one_discount() {
    let mut both = body("BOTH");
    both.amount_off_cents = Some(100);
    assert_eq!(
        fields_of(NewCoupon::parse(both).unwrap_err()),
        ["percent_off"]
    );
    let mut none = body("NONE");
    none.percent_off = None;
    assert_eq!(
        fields_of(NewCoupon::parse(none).unwrap_err()),
        ["percent_off"]
    );
    let amount = NewCoupon::parse(CreateBody {
        percent_off: None,
        amount_off_cents: Some(250),
        ..body("flat")
    })
    .unwrap();
    assert_eq!(amount.discount, Discount::Amount(250));
    assert_eq!(amount.code.as_str(), "FLAT");
    assert!(amount.active);
}

#[test]
fn every_bad_field_is_named_in_one_answer() {
    let at = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    let e = NewCoupon::parse(CreateBody {
        code: "x".into(),
        percent_off: Some(101),
        amount_off_cents: None,
        min_subtotal_cents: Some(-1),
        starts_at: Some(at(2030)),
        ends_at: Some(at(2029)),
        usage_limit: Some(0),
        per_customer_limit: Some(i64::from(i32::MAX) + 1),
        active: None,
    })
    .unwrap_err();
    assert_eq!(
        fields_of(e),
        [
            "code",
            "percent_off",
            "min_subtotal_cents",
            "ends_at",
            "usage_limit",
            "per_customer_limit"
        ]
    );
}

#[test]
fn a_patch_may_clear_limits_but_not_active() {
    let changes = CouponChanges::parse(PatchBody {
        usage_limit: Some(None),
        per_customer_limit: Some(Some(2)),
        ..PatchBody::default()
    })
    .unwrap();
    assert_eq!(changes.usage_limit, Some(None));
    assert_eq!(changes.per_customer_limit, Some(Some(2)));
    let e = CouponChanges::parse(PatchBody {
        active: Some(None),
        usage_limit: Some(Some(0)),
        ..PatchBody::default()
    })
    .unwrap_err();
    assert_eq!(fields_of(e), ["active", "usage_limit"]);
}

//! Unit tests of model.rs: quantities a cart line may hold.

use super::*;

#[test]
fn quantities_are_1_to_999() {
    assert_eq!(ItemQuantity::parse(1).unwrap().get(), 1);
    assert_eq!(ItemQuantity::parse(999).unwrap().get(), 999);
    for bad in [0, -1, 1000, i64::from(i32::MAX) + 1, i64::MIN] {
        assert!(ItemQuantity::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_bad_quantity_is_a_field_error() {
    let e = NewItem::parse(&AddItemBody {
        variant_id: Uuid::nil(),
        quantity: -3,
    })
    .unwrap_err();
    match e {
        CartError::Validation(errors) => assert_eq!(errors[0].field, "quantity"),
        other => panic!("{other:?}"),
    }
    assert!(ChangeItemBody { quantity: 0 }.parse().is_err());
}

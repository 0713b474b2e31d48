use super::*;

fn body(status: &str, note: Option<&str>) -> StatusBody {
    StatusBody {
        status: status.into(),
        note: note.map(str::to_string),
    }
}

#[test]
fn staff_name_a_known_status_and_an_optional_note() {
    let user = Uuid::new_v4();
    let c = StatusChange::by_staff(body(" shipped ", Some(" XY123 ")), user).unwrap();
    assert_eq!(c.to, OrderStatus::Shipped);
    assert_eq!(c.actor, Actor::Staff);
    assert_eq!(c.actor_user_id, Some(user));
    assert_eq!(c.note.as_deref(), Some("XY123"));
    let c = StatusChange::by_staff(body("paid", Some("   ")), user).unwrap();
    assert_eq!(c.note, None);
}

#[test]
fn every_bad_field_is_named_at_once() {
    let e = StatusChange::by_staff(body("lost", Some("a\0b")), Uuid::new_v4()).unwrap_err();
    let OrderError::Validation(errors) = e else {
        panic!("{e:?}")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["status", "note"]);
    let long = "x".repeat(MAX_NOTE_CHARS + 1);
    assert!(StatusChange::by_staff(body("paid", Some(&long)), Uuid::new_v4()).is_err());
}

#[test]
fn only_shipping_waits_for_an_approved_prescription() {
    let mut order = crate::orders::test_rows::order();
    for (status, ships) in [
        (None, true),
        (Some("approved"), true),
        (Some("pending_review"), false),
        (Some("awaiting_upload"), false),
        (Some("rejected"), false),
    ] {
        order.prescription_status = status.map(str::to_string);
        assert_eq!(
            check_prescription(&order, OrderStatus::Shipped).is_ok(),
            ships,
            "{status:?}"
        );
        assert!(check_prescription(&order, OrderStatus::Processing).is_ok());
        assert!(check_prescription(&order, OrderStatus::Refunded).is_ok());
    }
}

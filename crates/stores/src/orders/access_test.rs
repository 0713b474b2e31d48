use super::*;
use crate::orders::test_rows;

fn order(customer_id: Option<Uuid>, token: &str) -> OrderRow {
    OrderRow {
        customer_id,
        tracking_token_hash: token_hash(token).to_vec(),
        ..test_rows::order()
    }
}

#[test]
fn the_team_sees_every_order_but_is_no_buyer() {
    let o = order(None, "secret");
    let staff = Access::staff(Uuid::new_v4());
    assert!(staff.may_see(&o));
    assert!(!staff.is_buyer_of(&o));
}

#[test]
fn a_customer_sees_only_their_own() {
    let me = Uuid::new_v4();
    assert!(Access::customer(me).may_see(&order(Some(me), "t")));
    assert!(!Access::customer(me).may_see(&order(Some(Uuid::new_v4()), "t")));
    assert!(!Access::customer(me).may_see(&order(None, "t")));
}

#[test]
fn the_token_opens_its_order_only() {
    let o = order(None, "the-token");
    assert!(Access::default()
        .with_token(Some(" the-token "))
        .may_see(&o));
    assert!(!Access::default().with_token(Some("the-tokem")).may_see(&o));
    assert!(!Access::default().with_token(Some("")).may_see(&o));
    assert!(!Access::default().with_token(None).may_see(&o));
    let huge = "x".repeat(MAX_TOKEN_CHARS + 1);
    let o = order(None, &huge);
    assert!(!Access::default().with_token(Some(&huge)).may_see(&o));
}

#[test]
fn nobody_is_nobody() {
    assert!(!Access::default().may_see(&order(None, "t")));
}

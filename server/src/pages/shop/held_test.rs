use super::*;

#[test]
fn a_guest_cookie_holds_the_id_and_token() {
    let id = Uuid::new_v4();
    let held = Held::parse(&format!("{id}.abc-_DEF123")).unwrap();
    assert_eq!(held.id, id);
    assert_eq!(held.token(), Some("abc-_DEF123"));
}

#[test]
fn a_customer_cookie_holds_the_id_only() {
    let id = Uuid::new_v4();
    let held = Held::parse(&id.to_string()).unwrap();
    assert_eq!(held.token(), None);
}

#[test]
fn junk_is_no_cart_and_a_bad_token_is_none() {
    assert!(Held::parse("not-an-id").is_none());
    assert!(Held::parse("").is_none());
    let id = Uuid::new_v4();
    assert_eq!(Held::parse(&format!("{id}.a b")).unwrap().token(), None);
    let long = "a".repeat(MAX_TOKEN_CHARS + 1);
    assert_eq!(Held::parse(&format!("{id}.{long}")).unwrap().token(), None);
}

use super::*;

const SECRET: &str = "a-secret-for-these-tests-only-0123456789";

#[test]
fn a_token_passes_only_with_its_cookie_on_its_tenant() {
    let a = Uuid::new_v4();
    let b = Uuid::new_v4();
    let cookie = new_cookie_value();
    let t = token(SECRET, Some(a), &cookie);
    assert!(verify(SECRET, Some(a), &cookie, &t));
    assert!(!verify(SECRET, Some(b), &cookie, &t));
    assert!(!verify(SECRET, Some(a), &new_cookie_value(), &t));
    assert!(!verify(SECRET, Some(a), &cookie, ""));
    assert!(!verify(SECRET, Some(a), "", &t));
    assert!(!verify(SECRET, Some(a), &cookie, "not base64 !"));
}

//! Unit tests of input.rs.

use super::*;

#[test]
fn checks_explain_themselves() {
    assert_eq!(email(" Ann@Example.COM ").unwrap(), "ann@example.com");
    assert_eq!(email("nope").unwrap_err().code, "validation_failed");
    let weak = new_password("short1").unwrap_err();
    assert!(
        weak.detail.contains("at least 10 characters"),
        "{}",
        weak.detail
    );
    assert_eq!(person_name("  Ann  ").unwrap(), "Ann");
    assert!(person_name(" ").is_err());
    assert!(person_name(&"x".repeat(201)).is_err());
    assert!(person_name("a\u{0}b").is_err());
}

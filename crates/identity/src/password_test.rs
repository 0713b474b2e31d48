//! Unit tests of password.rs.

use super::*;

#[test]
fn rules_explain_themselves() {
    assert!(check_rules("short1").unwrap_err().contains("at least"));
    assert!(check_rules("onlyletterslong").unwrap_err().contains("mix"));
    assert!(check_rules("correct-horse-9").is_ok());
}

#[test]
fn hashes_verify() {
    let h = hash("correct-horse-9").unwrap();
    assert!(h.starts_with("$argon2id$"));
    assert!(verify("correct-horse-9", &h));
    assert!(!verify("wrong-horse-9", &h));
    assert!(!verify("x", dummy_hash()));
    // It must be a real hash, or a missing account is refused faster.
    assert!(PasswordHash::new(dummy_hash()).is_ok());
}

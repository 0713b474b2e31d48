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

#[test]
fn the_gate_turns_work_away_when_full_and_reopens() {
    let gate = HashGate::new(2);
    let first = gate.try_enter().unwrap();
    let _second = gate.try_enter().unwrap();
    assert_eq!(gate.in_flight(), 2);
    assert!(matches!(gate.try_enter(), Err(AuthError::Busy)));
    let answer = kernel::AppError::from(AuthError::Busy);
    assert_eq!(answer.status.as_u16(), 503);
    assert_eq!(answer.code, "busy");
    drop(first);
    assert_eq!(gate.in_flight(), 1);
    assert!(gate.try_enter().is_ok());
}

#[tokio::test]
async fn a_saturated_gate_answers_busy_at_once() {
    // Fill the process-wide gate, as a flood of hashes would.
    let held: Vec<_> = std::iter::from_fn(|| gate().try_enter().ok()).collect();
    assert!(!held.is_empty());
    let refused = hash_blocking("correct-horse-9".into()).await;
    assert!(matches!(refused, Err(AuthError::Busy)), "{refused:?}");
    drop(held);
    assert!(verify_blocking("x".into(), dummy_hash().into())
        .await
        .is_ok());
}

//! Unit tests of input.rs.

use super::*;

#[test]
fn checks_explain_themselves() {
    assert_eq!(
        email(" Ann@Example.COM ").unwrap().as_str(),
        "ann@example.com"
    );
    assert!(matches!(
        email("nope"),
        Err(AuthError::Invalid { field: "email", .. })
    ));
    let weak = new_password("short1").unwrap_err();
    let AuthError::Invalid { field, message } = &weak else {
        panic!("{weak:?}");
    };
    assert_eq!(*field, "password");
    assert!(message.contains("at least 10 characters"), "{message}");
    assert_eq!(person_name("  Ann  ").unwrap().as_str(), "Ann");
    assert!(person_name(" ").is_err());
    assert!(person_name(&"x".repeat(201)).is_err());
    assert!(person_name("a\u{0}b").is_err());
}

#[test]
fn a_failed_check_is_a_validation_problem_on_its_field() {
    let err = kernel::AppError::from(person_name(" ").unwrap_err());
    assert_eq!(err.code, "validation_failed");
    assert_eq!(err.status.as_u16(), 422);
    assert_eq!(err.detail, "name: the name must not be empty");
    assert_eq!(err.errors[0].field, "name");
}

//! Unit tests of mail.rs.

use super::*;

#[test]
fn payload_round_trips_and_redacts() {
    let mail = Mail::PasswordReset {
        to: "a@example.com".into(),
        name: "A".into(),
        site_name: "Acme".into(),
        link: "http://acme.test/reset-password?token=secret".into(),
    };
    let value = serde_json::to_value(&mail).unwrap();
    assert_eq!(value["template"], "password_reset");
    assert_eq!(serde_json::from_value::<Mail>(value.clone()).unwrap(), mail);
    let kept = redacted(&value);
    assert_eq!(kept["to"], "a@example.com");
    assert!(!kept.to_string().contains("secret"));
}

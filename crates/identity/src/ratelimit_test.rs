//! Unit tests of auth.rs.

use super::*;

#[test]
fn keys_separate_actions_and_hide_emails() {
    let ip: IpAddr = "203.0.113.7".parse().unwrap();
    let k = keys(AuthAction::Login, Some(ip), Some("Ann@Example.com"));
    assert_eq!(k[0], "rl:auth:login:ip:203.0.113.7");
    assert!(!k[1].contains("example"));
    assert_eq!(
        k[1],
        keys(AuthAction::Login, None, Some("ann@example.com"))[0]
    );
    assert_ne!(
        k[1],
        keys(AuthAction::Register, None, Some("ann@example.com"))[0]
    );
}

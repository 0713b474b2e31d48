//! Unit tests of settings.rs: the start-up check of the JWT secret, the
//! metrics address.

use super::*;

const STRONG: &str = "9f2c4e1a7b3d8c6f0e5a2b9d4c7f1e3a8b6d0c2f5e9a1b4d7c3f6e0a2b8d5c1f";

#[test]
fn production_refuses_the_shipped_default_secret() {
    let err = check_jwt_secret(DEV_JWT_SECRET, AppEnv::Production).unwrap_err();
    assert_eq!(err.name, "JWT_SECRET");
    let line = err.to_string();
    assert!(line.contains("published default"), "{line}");
    assert!(line.contains("APP_ENV=development"), "{line}");
    assert!(!line.contains('\n'), "one line: {line}");
}

#[test]
fn production_refuses_weak_secrets() {
    for weak in [
        "short-but-random-9f2c",
        &"ab".repeat(32),
        "please-change-me-to-something-long-and-random",
    ] {
        let err = check_jwt_secret(weak, AppEnv::Production);
        assert!(err.is_err(), "{weak} passed");
    }
}

#[test]
fn development_accepts_the_default_and_production_a_strong_secret() {
    assert!(check_jwt_secret(DEV_JWT_SECRET, AppEnv::Development).is_ok());
    assert!(check_jwt_secret(STRONG, AppEnv::Production).is_ok());
}

#[test]
fn production_is_the_default_and_app_env_refuses_typos() {
    assert_eq!("Development".parse(), Ok(AppEnv::Development));
    assert_eq!("production".parse(), Ok(AppEnv::Production));
    assert!("dev".parse::<AppEnv>().is_err());
}

#[test]
fn metrics_listen_on_loopback_unless_moved_or_switched_off() {
    assert_eq!(metrics_addr(None).as_deref(), Some("127.0.0.1:9100"));
    assert_eq!(
        metrics_addr(Some(" 10.0.0.5:9200 ".into())).as_deref(),
        Some("10.0.0.5:9200")
    );
    assert_eq!(metrics_addr(Some("OFF".into())), None);
}

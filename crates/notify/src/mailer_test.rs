//! Unit tests of mailer.rs.

use super::*;

#[test]
fn reads_settings() {
    assert!(Mailer::new("smtp://127.0.0.1:1025", "Platform <no-reply@localhost>").is_ok());
    assert!(Mailer::new("not a url", "no-reply@localhost").is_err());
    assert!(Mailer::new("smtps://relay:465", "no-reply@localhost").is_err());
    assert!(Mailer::new("smtp://127.0.0.1:1025", "nobody").is_err());
}

#[test]
fn parses_smtp_urls() {
    assert_eq!(
        SmtpTarget::parse("smtp://127.0.0.1:1025").unwrap(),
        SmtpTarget {
            host: "127.0.0.1".into(),
            port: 1025,
            credentials: None
        }
    );
    let t = SmtpTarget::parse("smtp://me:s3cret@relay.local").unwrap();
    assert_eq!((t.host.as_str(), t.port), ("relay.local", 25));
    assert_eq!(t.credentials, Some(("me".into(), "s3cret".into())));
    assert_eq!(SmtpTarget::parse("smtp://[::1]:2525").unwrap().host, "::1");
    assert!(SmtpTarget::parse("smtp://host:port").is_err());
    let t = SmtpTarget::parse("smtp://me%40corp:p%3Ass@relay:2525").unwrap();
    assert_eq!(t.credentials, Some(("me@corp".into(), "p:ss".into())));
}

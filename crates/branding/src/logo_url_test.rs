//! Unit tests of logo_url.rs.

use super::*;

#[test]
fn https_addresses_are_kept_with_scheme_and_host_lower_cased() {
    let url = LogoUrl::parse(" HTTPS://Cdn.Example.COM/Img/Logo.PNG?v=2#top ").unwrap();
    assert_eq!(url.as_str(), "https://cdn.example.com/Img/Logo.PNG?v=2#top");
    assert!(LogoUrl::parse("https://example.com").is_ok());
    assert!(LogoUrl::parse("https://example.com:8443/logo%20big.svg").is_ok());
    assert!(LogoUrl::parse("https://203.0.113.7/logo.png").is_ok());
}

#[test]
fn other_schemes_are_refused() {
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "ftp://example.com/logo.png",
        "//example.com/logo.png",
        "/logo.png",
        "example.com/logo.png",
        " javascript:alert(1)",
    ] {
        let err = LogoUrl::parse(bad).unwrap_err();
        assert!(err.contains("https://"), "{bad:?}: {err}");
    }
    let err = LogoUrl::parse("http://example.com/logo.png").unwrap_err();
    assert!(err.contains("must use https"), "{err}");
}

#[test]
fn credentials_are_refused() {
    for bad in [
        "https://user:secret@example.com/logo.png",
        "https://user@example.com/logo.png",
        "https://example.com@evil.example/logo.png",
    ] {
        let err = LogoUrl::parse(bad).unwrap_err();
        assert!(err.contains("user name or password"), "{bad:?}: {err}");
    }
    // An @ after the host is part of the path, not a credential.
    assert!(LogoUrl::parse("https://example.com/@brand/logo.png").is_ok());
}

#[test]
fn characters_that_could_leave_an_attribute_are_refused() {
    for bad in [
        "https://example.com/a b.png",
        "https://example.com/\"onerror=alert(1)",
        "https://example.com/<script>",
        "https://example.com\\evil.example/logo.png",
        "https://example.com/logo.png\u{0}",
        "https://example.com/\nlogo.png",
        "https://exämple.com/logo.png",
        "https://example.com/`x`",
    ] {
        assert!(LogoUrl::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn hosts_and_ports_must_be_real() {
    for bad in [
        "https://",
        "https:///logo.png",
        "https://:443/logo.png",
        "https://exa_mple.com/logo.png",
        "https://-example.com/logo.png",
        "https://example..com/logo.png",
        "https://[::1]/logo.png",
        "https://example.com:/logo.png",
        "https://example.com:0/logo.png",
        "https://example.com:65536/logo.png",
        "https://example.com:80:80/logo.png",
    ] {
        assert!(LogoUrl::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn length_is_bounded() {
    let prefix = "https://example.com/";
    let longest = format!("{prefix}{}", "a".repeat(MAX_LOGO_URL_CHARS - prefix.len()));
    assert!(LogoUrl::parse(&longest).is_ok());
    let err = LogoUrl::parse(&format!("{longest}a")).unwrap_err();
    assert!(err.contains("at most 2048"), "{err}");
    assert!(LogoUrl::parse("   ").is_err());
}

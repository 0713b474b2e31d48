//! Unit tests of request_meta.rs.

use super::*;
use actix_web::http::header::{HeaderName, HeaderValue};

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
    }
    map
}

#[test]
fn forwarded_host_only_from_trusted_peers() {
    let h = headers(&[
        ("host", "proxy.local"),
        ("x-forwarded-host", "acme.example.com"),
    ]);
    assert_eq!(
        effective_host(&h, None, true).as_deref(),
        Some("acme.example.com")
    );
    assert_eq!(
        effective_host(&h, None, false).as_deref(),
        Some("proxy.local")
    );
}

#[test]
fn forwarded_for_only_from_trusted_peers() {
    let peer: IpAddr = "127.0.0.1".parse().unwrap();
    let h = headers(&[("x-forwarded-for", "203.0.113.9, 198.51.100.7")]);
    assert_eq!(
        client_ip(&h, Some(peer), true),
        Some("198.51.100.7".parse().unwrap())
    );
    assert_eq!(client_ip(&h, Some(peer), false), Some(peer));
}

//! tenancy::host::normalize and classify on any Host header value.
//!
//! What the tenant middleware relies on: a normalised host is a lower-case
//! DNS name (or a bracketed IPv6 literal) with no port and no trailing dot,
//! normalising it again changes nothing, and a subdomain is exactly one
//! label in front of the base domain.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tenancy::host::{classify, normalize, HostKind};

const BASE: &str = "example.com";

fn is_ipv6_literal(host: &str) -> bool {
    host.strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .is_some_and(|inner| {
            !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        })
}

fn is_dns_name(host: &str) -> bool {
    host.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Some(host) = normalize(raw) else {
        return;
    };

    assert!(!host.is_empty() && host.len() <= 253, "{raw:?} -> {host:?}");
    assert!(
        !host.ends_with('.'),
        "trailing dot kept: {raw:?} -> {host:?}"
    );
    assert!(
        is_dns_name(&host) || is_ipv6_literal(&host),
        "not a DNS name nor an IPv6 literal: {raw:?} -> {host:?}"
    );
    assert_eq!(
        normalize(&host).as_deref(),
        Some(host.as_str()),
        "not idempotent: {raw:?} -> {host:?}"
    );
    // Case never matters: the upper-cased header names the same host.
    assert_eq!(
        normalize(&raw.to_ascii_uppercase()).as_deref(),
        Some(host.as_str()),
        "case-sensitive: {raw:?}"
    );

    match classify(&host, BASE) {
        HostKind::Platform => {
            assert!(host == BASE || host == format!("www.{BASE}"), "{host:?}");
        }
        HostKind::Subdomain(label) => {
            assert!(!label.is_empty() && !label.contains('.'), "{host:?}");
            assert_eq!(format!("{label}.{BASE}"), host);
        }
        HostKind::Custom(custom) => {
            assert_eq!(custom, host);
            assert!(custom != BASE && custom != format!("www.{BASE}"));
        }
    }
});

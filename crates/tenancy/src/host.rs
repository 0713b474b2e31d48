//! From a request's Host to what it names: the platform site, a tenant
//! subdomain, or a custom domain.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKind {
    /// The apex or www: the platform's own site, no tenant.
    Platform,
    /// `<label>.BASE_DOMAIN`.
    Subdomain(String),
    /// Any other host, looked up in the domains table.
    Custom(String),
}

/// Lower-cases, strips the port and a trailing dot. Returns None for a host
/// that cannot be a DNS name (empty, spaces, too long, a colon or bracket
/// left over) nor a bracketed IPv6 literal, so every host it returns is one
/// it returns unchanged.
pub fn normalize(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let host = if let Some(rest) = raw.strip_prefix('[') {
        // IPv6 literal: the bracketed address, then nothing or a port.
        let (addr, after) = rest.split_once(']')?;
        let port_ok = after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|port| port.bytes().all(|b| b.is_ascii_digit()));
        let addr_ok = !addr.is_empty()
            && addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'));
        if !(port_ok && addr_ok) {
            return None;
        }
        format!("[{}]", addr.to_ascii_lowercase())
    } else {
        let name = raw.rsplit_once(':').map_or(raw, |(host, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                host
            } else {
                raw
            }
        });
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        // A colon still here was no port ("a:b", "1::"): not a DNS name.
        if !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
        {
            return None;
        }
        name
    };
    (!host.is_empty() && host.len() <= 253).then_some(host)
}

pub fn classify(host: &str, base_domain: &str) -> HostKind {
    if host == base_domain || host == format!("www.{base_domain}") {
        return HostKind::Platform;
    }
    if let Some(label) = host
        .strip_suffix(base_domain)
        .and_then(|rest| rest.strip_suffix('.'))
    {
        if !label.is_empty() && !label.contains('.') {
            return HostKind::Subdomain(label.to_string());
        }
    }
    HostKind::Custom(host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_hosts() {
        assert_eq!(
            normalize("Acme.Example.COM:8080").as_deref(),
            Some("acme.example.com")
        );
        assert_eq!(
            normalize("acme.example.com.").as_deref(),
            Some("acme.example.com")
        );
        assert_eq!(normalize("[::1]:8080").as_deref(), Some("[::1]"));
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("bad host"), None);
    }

    /// Found by the host_normalize fuzz target: colons that were no port
    /// were kept, so "1::" became "1:", which normalised again to "1", and
    /// "a:80." kept its port.
    #[test]
    fn refuses_what_is_neither_a_name_nor_an_ipv6_literal() {
        for bad in [
            "1::",
            "a:b",
            "a:80.",
            "::1",
            "a]b",
            "[]",
            "[::1]x",
            "[::1]:80x",
            "[a b]",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
        assert_eq!(normalize("[::1]").as_deref(), Some("[::1]"));
        assert_eq!(normalize("[FE80::1]:443").as_deref(), Some("[fe80::1]"));
        assert_eq!(
            normalize("acme.example.com:").as_deref(),
            Some("acme.example.com")
        );
        for host in ["acme.example.com", "[::ffff:1.2.3.4]", "x-1.test"] {
            assert_eq!(normalize(host).as_deref(), Some(host), "{host:?}");
        }
    }

    #[test]
    fn classifies_hosts() {
        let base = "example.com";
        assert_eq!(classify("example.com", base), HostKind::Platform);
        assert_eq!(classify("www.example.com", base), HostKind::Platform);
        assert_eq!(
            classify("acme.example.com", base),
            HostKind::Subdomain("acme".into())
        );
        assert_eq!(
            classify("a.b.example.com", base),
            HostKind::Custom("a.b.example.com".into())
        );
        assert_eq!(
            classify("acme.com", base),
            HostKind::Custom("acme.com".into())
        );
        assert_eq!(
            classify("evilexample.com", base),
            HostKind::Custom("evilexample.com".into())
        );
    }
}

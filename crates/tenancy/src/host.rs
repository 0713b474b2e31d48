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
/// that cannot be a DNS name (empty, spaces, too long).
pub fn normalize(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let without_port = if raw.starts_with('[') {
        // IPv6 literal: keep the bracketed address.
        raw.split_once(']').map(|(addr, _)| format!("{addr}]"))?
    } else {
        raw.rsplit_once(':')
            .map_or(raw, |(host, port)| {
                if port.bytes().all(|b| b.is_ascii_digit()) {
                    host
                } else {
                    raw
                }
            })
            .to_string()
    };
    let host = without_port.trim_end_matches('.').to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'[' | b']' | b':'));
    valid.then_some(host)
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

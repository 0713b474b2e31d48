//! The check of a URL before it is stored: a host written as an address in
//! a refused range, or a `localhost` name, is refused at once, with a
//! message the tenant can act on. Other names are checked again at each
//! delivery (`resolver`), since what a name resolves to can change.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ureq::http::Uri;

use super::addresses::AddressPolicy;

/// Ok when the URL's host may be stored; the error reads after "url: ".
pub fn check_url(policy: &AddressPolicy, url: &str) -> Result<(), String> {
    let uri: Uri = url
        .parse()
        .map_err(|e| format!("{url:?} is not a valid URL: {e}"))?;
    let host = uri
        .host()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .ok_or_else(|| format!("{url:?} has no host"))?;
    if let Some(ip) = ip_literal(&host) {
        return policy.check(ip).map_err(|refused| refused.to_string());
    }
    if host == "localhost" || host.ends_with(".localhost") {
        // Such names resolve to the loopback addresses (RFC 6761).
        let loopback = [
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ];
        return match loopback.iter().any(|ip| policy.check(*ip).is_ok()) {
            true => Ok(()),
            false => Err(format!(
                "{host} names this machine (loopback), which webhooks may not reach"
            )),
        };
    }
    if looks_numeric(&host) {
        // Resolvers read 2130706433, 0x7f.1 or 0177.0.0.1 as 127.0.0.1:
        // only the plain dotted form is judged here, so only it is taken.
        return Err(format!(
            "{host} is not a host name; write an IPv4 address as four decimal numbers"
        ));
    }
    Ok(())
}

/// The address of a host written as one (`[..]` around IPv6).
fn ip_literal(host: &str) -> Option<IpAddr> {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    host.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

/// A top-level label is never all digits (RFC 3696), so a host whose last
/// label is a number (decimal, octal or hex) is an address in disguise; so
/// is a bracketed host that is not a plain IPv6 address (zone ids,
/// IPvFuture).
fn looks_numeric(host: &str) -> bool {
    if host.starts_with('[') {
        return true;
    }
    let last = host.rsplit('.').next().unwrap_or(host);
    let decimal = !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
    let hex = last
        .strip_prefix("0x")
        .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    decimal || hex
}

#[cfg(test)]
#[path = "target_test.rs"]
mod tests;

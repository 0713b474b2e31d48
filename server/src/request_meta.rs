//! Who sent a request and which host it named. Forwarded headers are believed
//! only when the direct peer is one of TRUSTED_PROXIES; anyone else could
//! write them to pose as another tenant or another client address.

use std::net::IpAddr;

use actix_web::dev::ServiceRequest;
use actix_web::http::header::{HeaderMap, HOST};
use actix_web::HttpRequest;
use ipnet::IpNet;

fn peer_is_trusted(peer: Option<IpAddr>, trusted: &[IpNet]) -> bool {
    peer.is_some_and(|ip| trusted.iter().any(|net| net.contains(&ip)))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn effective_host(
    headers: &HeaderMap,
    uri_host: Option<&str>,
    trusted_peer: bool,
) -> Option<String> {
    if trusted_peer {
        if let Some(fwd) = header(headers, "x-forwarded-host") {
            if let Some(first) = fwd
                .split(',')
                .next()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                return Some(first.to_string());
            }
        }
    }
    header(headers, HOST.as_str())
        .map(str::to_string)
        .or_else(|| uri_host.map(str::to_string))
}

fn client_ip(headers: &HeaderMap, peer: Option<IpAddr>, trusted_peer: bool) -> Option<IpAddr> {
    if trusted_peer {
        // The right-most address not added by one of our own proxies.
        if let Some(fwd) = header(headers, "x-forwarded-for") {
            let forwarded = fwd
                .split(',')
                .rev()
                .filter_map(|s| s.trim().parse::<IpAddr>().ok())
                .next();
            if forwarded.is_some() {
                return forwarded;
            }
        }
    }
    peer
}

/// The raw host a service request names (not yet normalised).
pub fn service_request_host(req: &ServiceRequest, trusted: &[IpNet]) -> Option<String> {
    let peer = req.peer_addr().map(|a| a.ip());
    effective_host(
        req.headers(),
        req.uri().host(),
        peer_is_trusted(peer, trusted),
    )
}

/// The raw host a request names (not yet normalised).
pub fn request_host(req: &HttpRequest, trusted: &[IpNet]) -> Option<String> {
    let peer = req.peer_addr().map(|a| a.ip());
    effective_host(
        req.headers(),
        req.uri().host(),
        peer_is_trusted(peer, trusted),
    )
}

/// The port a host names (`localhost:8080` -> 8080), unless it is the
/// scheme's own, so links to a new site keep the port the browser used.
pub fn explicit_port(host: &str) -> Option<u16> {
    let (_, port) = host.rsplit_once(':')?;
    port.parse::<u16>().ok().filter(|p| *p != 80 && *p != 443)
}

/// The client's address, for rate limits and logs.
pub fn client_addr(req: &HttpRequest, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = req.peer_addr().map(|a| a.ip());
    client_ip(req.headers(), peer, peer_is_trusted(peer, trusted))
}

#[cfg(test)]
#[path = "request_meta_test.rs"]
mod tests;

//! Which addresses outbound HTTP to a tenant's URL may reach. A tenant must
//! not be able to make the platform call itself, its database, the cloud
//! metadata service (169.254.169.254) or anything else on the private side
//! of the network, whatever the address is spelt like: IPv4-mapped,
//! IPv4-compatible, NAT64 and 6to4 IPv6 forms are judged by the IPv4
//! address inside them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use kernel::settings::Settings;

/// An address the policy refuses, and why (for the job's error and the
/// 422 answer).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{ip} is a {why} address, which webhooks may not reach")]
pub struct Refused {
    pub ip: IpAddr,
    pub why: &'static str,
}

/// The refused ranges, less the networks an operator allows.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    allowed: Vec<IpNet>,
}

impl AddressPolicy {
    /// `allowed`: networks reachable despite the rules (tests, on-premise
    /// receivers). Matched as written: allowing 127.0.0.1/32 does not allow
    /// ::ffff:127.0.0.1, so the list says exactly what it lets through.
    pub fn new(allowed: Vec<IpNet>) -> Self {
        AddressPolicy { allowed }
    }

    pub fn from_settings(settings: &Settings) -> Self {
        Self::new(settings.outbound_allow_private_nets.clone())
    }

    pub fn check(&self, ip: IpAddr) -> Result<(), Refused> {
        if self.allowed.iter().any(|net| net.contains(&ip)) {
            return Ok(());
        }
        match refusal(ip) {
            Some(why) => Err(Refused { ip, why }),
            None => Ok(()),
        }
    }
}

/// Why `ip` is not a public unicast address, or None when it is.
fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_refusal(v4),
        IpAddr::V6(v6) => v6_refusal(v6),
    }
}

fn v4_refusal(ip: Ipv4Addr) -> Option<&'static str> {
    let why = match ip.octets() {
        [0, ..] => "\"this network\" (0.0.0.0/8)",
        [10, ..] | [172, 16..=31, ..] | [192, 168, ..] => "private",
        [100, 64..=127, ..] => "shared carrier-grade NAT (100.64.0.0/10)",
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local",
        [192, 0, 0, _] => "IETF protocol assignment (192.0.0.0/24)",
        [192, 0, 2, _] | [198, 51, 100, _] | [203, 0, 113, _] => "documentation",
        [198, 18..=19, ..] => "benchmarking",
        [224..=239, ..] => "multicast",
        [255, 255, 255, 255] => "broadcast",
        [240..=255, ..] => "reserved",
        _ => return None,
    };
    Some(why)
}

fn v6_refusal(ip: Ipv6Addr) -> Option<&'static str> {
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    if let Some(v4) = embedded_v4(ip) {
        return v4_refusal(v4);
    }
    let s = ip.segments();
    let why = match s {
        [0x0100, 0, 0, 0, ..] => "discard-only (100::/64)",
        [0x0064, 0xff9b, 0x0001, ..] => "local-use NAT64 (64:ff9b:1::/48)",
        [0x2001, 0x0000, ..] => "Teredo (2001::/32)",
        [0x2001, 0x0002, 0x0000, ..] => "benchmarking",
        [0x2001, 0x0db8, ..] => "documentation",
        [0x3fff, 0x0000..=0x0fff, ..] => "documentation",
        [a, ..] if a & 0xfe00 == 0xfc00 => "unique local (fc00::/7)",
        [a, ..] if a & 0xffc0 == 0xfe80 => "link-local",
        [a, ..] if a & 0xffc0 == 0xfec0 => "site-local",
        [a, ..] if a & 0xff00 == 0xff00 => "multicast",
        _ => return None,
    };
    Some(why)
}

/// The IPv4 address an IPv6 form routes to: mapped (::ffff:a.b.c.d),
/// compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4
/// (2002:aabb:ccdd::).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = |hi: u16, lo: u16| {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    match s {
        [0, 0, 0, 0, 0, 0xffff, hi, lo] | [0, 0, 0, 0, 0, 0, hi, lo] => Some(tail(hi, lo)),
        [0x0064, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(tail(hi, lo)),
        [0x2002, hi, lo, ..] => Some(tail(hi, lo)),
        _ => None,
    }
}

#[cfg(test)]
#[path = "addresses_test.rs"]
mod tests;

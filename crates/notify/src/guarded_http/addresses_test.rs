//! Unit tests of addresses.rs: a table of addresses and what the policy
//! says of each, with and without an allowed network.

use super::*;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

const REFUSED: &[(&str, &str)] = &[
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("0.0.0.0", "\"this network\" (0.0.0.0/8)"),
    ("10.0.0.1", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("100.64.0.1", "shared carrier-grade NAT (100.64.0.0/10)"),
    (
        "100.127.255.255",
        "shared carrier-grade NAT (100.64.0.0/10)",
    ),
    ("169.254.169.254", "link-local"),
    ("192.0.0.8", "IETF protocol assignment (192.0.0.0/24)"),
    ("192.0.2.1", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:169.254.169.254", "link-local"),
    ("::ffff:10.0.0.1", "private"),
    ("::127.0.0.1", "loopback"),
    ("::ffff:0:0", "\"this network\" (0.0.0.0/8)"),
    ("64:ff9b::a9fe:a9fe", "link-local"),
    ("64:ff9b:1::1", "local-use NAT64 (64:ff9b:1::/48)"),
    ("2002:7f00:1::", "loopback"),
    ("2002:c0a8:101::1", "private"),
    ("2001::1", "Teredo (2001::/32)"),
    ("2001:db8::1", "documentation"),
    ("100::1", "discard-only (100::/64)"),
    ("fc00::1", "unique local (fc00::/7)"),
    ("fd12:3456::1", "unique local (fc00::/7)"),
    ("fe80::1", "link-local"),
    ("febf::1", "link-local"),
    ("fec0::1", "site-local"),
    ("ff02::1", "multicast"),
];

const PUBLIC: &[&str] = &[
    "1.1.1.1",
    "8.8.8.8",
    "93.184.216.34",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "169.253.0.1",
    "192.0.1.1",
    "198.20.0.1",
    "223.255.255.255",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2606:4700:4700::1111",
    "2a00:1450:4001::200e",
];

#[test]
fn refuses_every_non_public_range_with_its_name() {
    let policy = AddressPolicy::default();
    for (addr, why) in REFUSED {
        assert_eq!(
            policy.check(ip(addr)),
            Err(Refused { ip: ip(addr), why }),
            "{addr}"
        );
    }
}

#[test]
fn lets_public_unicast_addresses_through() {
    let policy = AddressPolicy::default();
    for addr in PUBLIC {
        assert_eq!(policy.check(ip(addr)), Ok(()), "{addr}");
    }
}

#[test]
fn allowed_networks_pass_exactly_as_written() {
    let policy = AddressPolicy::new(vec![
        "127.0.0.1/32".parse().unwrap(),
        "10.20.0.0/16".parse().unwrap(),
    ]);
    assert_eq!(policy.check(ip("127.0.0.1")), Ok(()));
    assert_eq!(policy.check(ip("10.20.3.4")), Ok(()));
    // Outside the allowed networks the rules still hold.
    assert!(policy.check(ip("127.0.0.2")).is_err());
    assert!(policy.check(ip("10.21.0.1")).is_err());
    assert!(policy.check(ip("::1")).is_err());
    assert!(policy.check(ip("169.254.169.254")).is_err());
    // The mapped form is not the allowed network as written.
    assert!(policy.check(ip("::ffff:127.0.0.1")).is_err());
}

#[test]
fn the_refusal_reads_as_a_sentence() {
    let refused = AddressPolicy::default()
        .check(ip("169.254.169.254"))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "169.254.169.254 is a link-local address, which webhooks may not reach"
    );
}

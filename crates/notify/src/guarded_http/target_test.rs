//! Unit tests of target.rs: what an endpoint URL may name when stored.

use super::*;

fn allowing(nets: &[&str]) -> AddressPolicy {
    AddressPolicy::new(nets.iter().map(|n| n.parse().unwrap()).collect())
}

const REFUSED: &[&str] = &[
    "http://127.0.0.1/hooks",
    "http://127.0.0.1:8080/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:127.0.0.1]/",
    "http://[::1]:9000/",
    "http://[fe80::1%25eth0]/",
    "http://10.0.0.1/",
    "https://192.168.0.10/x",
    "http://100.64.1.2/",
    "http://0.0.0.0/",
    "http://localhost/",
    "http://LOCALHOST./x",
    "http://api.localhost:3000/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://user:pw@127.0.0.1/",
];

const ACCEPTED: &[&str] = &[
    "https://example.com/hooks",
    "https://hooks.example.com:8443/a?b=c",
    "http://93.184.216.34/",
    "http://[2606:4700:4700::1111]/",
    // A name is judged when it is resolved, at each delivery.
    "https://internal.corp.example/",
    "https://1password.example/",
];

#[test]
fn refuses_hosts_in_refused_ranges_and_disguised_addresses() {
    let policy = AddressPolicy::default();
    for url in REFUSED {
        assert!(check_url(&policy, url).is_err(), "{url} was accepted");
    }
}

#[test]
fn accepts_public_addresses_and_names() {
    let policy = AddressPolicy::default();
    for url in ACCEPTED {
        assert_eq!(check_url(&policy, url), Ok(()), "{url}");
    }
}

#[test]
fn an_allowed_network_lets_its_literals_and_localhost_through() {
    let policy = allowing(&["127.0.0.1/32"]);
    assert_eq!(check_url(&policy, "http://127.0.0.1:4000/h"), Ok(()));
    assert_eq!(check_url(&policy, "http://localhost:4000/h"), Ok(()));
    assert!(check_url(&policy, "http://127.0.0.2/").is_err());
    assert!(check_url(&policy, "http://[::ffff:127.0.0.1]/").is_err());
    assert!(check_url(&policy, "http://169.254.169.254/").is_err());
}

#[test]
fn messages_say_what_is_wrong() {
    let policy = AddressPolicy::default();
    assert_eq!(
        check_url(&policy, "http://10.0.0.1/").unwrap_err(),
        "10.0.0.1 is a private address, which webhooks may not reach"
    );
    assert!(check_url(&policy, "http://localhost/")
        .unwrap_err()
        .contains("loopback"));
    assert!(check_url(&policy, "http://2130706433/")
        .unwrap_err()
        .contains("four decimal numbers"));
}

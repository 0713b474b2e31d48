//! Unit tests of endpoints.rs: what NewEndpoint::parse lets be stored.

use super::*;

fn catalog() -> EventCatalog {
    EventCatalog::default().with(&["booking.created"])
}

fn parse(url: &str, policy: &AddressPolicy) -> Result<NewEndpoint, EndpointError> {
    NewEndpoint::parse(url, None, &catalog(), policy)
}

#[test]
fn private_and_loopback_hosts_are_refused_on_the_url_field() {
    let policy = AddressPolicy::default();
    for url in [
        "http://127.0.0.1/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.1/",
        "http://localhost/",
    ] {
        match parse(url, &policy) {
            Err(EndpointError::InvalidUrl(why)) => {
                assert!(why.contains("may not reach"), "{url}: {why}")
            }
            other => panic!("{url} was not refused: {other:?}"),
        }
    }
}

#[test]
fn an_allowed_network_and_public_hosts_are_stored() {
    let policy = AddressPolicy::new(vec!["127.0.0.1/32".parse().unwrap()]);
    for url in ["http://127.0.0.1:4000/hooks", "https://hooks.example.com/x"] {
        let new = parse(url, &policy).unwrap();
        assert_eq!(new.url, url);
        assert_eq!(new.events, ["booking.created"]);
    }
}

#[test]
fn the_scheme_is_still_checked_first() {
    let policy = AddressPolicy::default();
    assert!(matches!(
        parse("ftp://example.com/", &policy),
        Err(EndpointError::InvalidUrl(_))
    ));
}

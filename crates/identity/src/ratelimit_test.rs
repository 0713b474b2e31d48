//! Unit tests of ratelimit.rs.

use super::*;

fn tenant() -> Uuid {
    Uuid::from_u128(7)
}

#[test]
fn keys_separate_actions_and_hide_emails() {
    let ip: IpAddr = "203.0.113.7".parse().unwrap();
    let k = keys(
        Some(tenant()),
        AuthAction::Login,
        Some(ip),
        Some("Ann@Example.com"),
    );
    assert_eq!(
        k.strict[0],
        format!("rl:auth:{}:login:ip:203.0.113.7", tenant().simple())
    );
    let account = k.account.clone().unwrap();
    assert!(!account.contains("example"));
    assert_eq!(k.strict[1], format!("{account}:ip:203.0.113.7"));
    let same = keys(
        Some(tenant()),
        AuthAction::Login,
        None,
        Some("ann@example.com"),
    );
    assert_eq!(same.account.as_ref(), Some(&account));
    assert!(same.strict.is_empty());
    let register = keys(
        Some(tenant()),
        AuthAction::Register,
        None,
        Some("ann@example.com"),
    );
    assert_ne!(register.account.as_ref(), Some(&account));
}

#[test]
fn every_key_names_its_tenant() {
    let ip: IpAddr = "203.0.113.7".parse().unwrap();
    let a = keys(
        Some(tenant()),
        AuthAction::Login,
        Some(ip),
        Some("a@x.test"),
    );
    let b = keys(
        Some(Uuid::from_u128(8)),
        AuthAction::Login,
        Some(ip),
        Some("a@x.test"),
    );
    for (ka, kb) in a.strict.iter().zip(&b.strict) {
        assert_ne!(ka, kb);
    }
    assert_ne!(a.account, b.account);
}

#[test]
fn ipv6_addresses_in_one_64_share_their_counters() {
    let one: IpAddr = "2001:db8:aa:bb::1".parse().unwrap();
    let two: IpAddr = "2001:db8:aa:bb:1234:5678:9abc:def0".parse().unwrap();
    let elsewhere: IpAddr = "2001:db8:aa:bc::1".parse().unwrap();
    let of = |ip| {
        keys(
            Some(tenant()),
            AuthAction::Login,
            Some(ip),
            Some("a@x.test"),
        )
        .strict
    };
    assert_eq!(of(one), of(two));
    assert_ne!(of(one), of(elsewhere));
    assert!(of(one)[0].ends_with(":ip:2001:db8:aa:bb::/64"));
}

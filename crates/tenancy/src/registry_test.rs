use std::time::{Duration, Instant};

use super::HostCache;

const TTL: Duration = Duration::from_secs(60);

#[test]
fn answers_expire_after_the_ttl_even_without_a_notification() {
    let mut cache = HostCache::new(TTL, 10, 10);
    let t0 = Instant::now();
    cache.insert("acme.example.com".into(), Some(1u32), t0);
    cache.insert("nobody.example.com".into(), None, t0);
    let soon = t0 + Duration::from_secs(59);
    assert_eq!(cache.get("acme.example.com", soon), Some(Some(1)));
    assert_eq!(cache.get("nobody.example.com", soon), Some(None));
    let later = t0 + TTL;
    assert_eq!(
        cache.get("acme.example.com", later),
        None,
        "must be asked again"
    );
    assert_eq!(cache.get("nobody.example.com", later), None);
}

#[test]
fn a_scan_of_unknown_hosts_never_evicts_tenants() {
    let mut cache = HostCache::new(TTL, 10, 100);
    let now = Instant::now();
    cache.insert("acme.example.com".into(), Some(7u32), now);
    for i in 0..10_000 {
        cache.insert(format!("random{i}.example.com"), None, now);
    }
    assert_eq!(cache.get("acme.example.com", now), Some(Some(7)));
    assert!(cache.unknown.len() <= 100, "{}", cache.unknown.len());
}

#[test]
fn a_host_that_gets_a_tenant_leaves_the_unknown_side() {
    let mut cache = HostCache::new(TTL, 10, 10);
    let now = Instant::now();
    cache.insert("new.example.com".into(), None, now);
    cache.insert("new.example.com".into(), Some(3u32), now);
    assert_eq!(cache.get("new.example.com", now), Some(Some(3)));
    cache.clear();
    assert_eq!(cache.get("new.example.com", now), None);
}

#[test]
fn a_full_side_first_drops_what_has_expired() {
    let mut cache = HostCache::new(TTL, 2, 2);
    let t0 = Instant::now();
    cache.insert("old.example.com".into(), Some(1u32), t0);
    cache.insert("fresh.example.com".into(), Some(2u32), t0 + TTL);
    cache.insert("third.example.com".into(), Some(3u32), t0 + TTL);
    let now = t0 + TTL;
    assert_eq!(cache.get("fresh.example.com", now), Some(Some(2)));
    assert_eq!(cache.get("third.example.com", now), Some(Some(3)));
}

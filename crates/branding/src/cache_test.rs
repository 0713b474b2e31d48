//! Unit tests of cache.rs.

use std::cell::Cell;
use std::convert::Infallible;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use super::*;

/// The loads here never wait, so one poll finishes them; no runtime needed.
fn block_on<T>(future: impl Future<Output = T>) -> T {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => panic!("a test load waited"),
    }
}

/// Counts the loads, so a test sees whether the cache answered.
fn cached(cache: &BrandingCache, tenant: Uuid, loads: &Cell<u32>) -> Arc<Branding> {
    let loaded = block_on(cache.get_or_load(tenant, || async {
        loads.set(loads.get() + 1);
        Ok::<_, Infallible>(Branding::default())
    }));
    match loaded {
        Ok(branding) => branding,
        Err(never) => match never {},
    }
}

#[test]
fn a_second_read_is_answered_from_the_cache() {
    let cache = BrandingCache::with_ttl(Duration::from_secs(60));
    let loads = Cell::new(0);
    let tenant = Uuid::new_v4();
    cached(&cache, tenant, &loads);
    cached(&cache, tenant, &loads);
    assert_eq!(loads.get(), 1);
    // Another tenant has an entry of its own.
    cached(&cache, Uuid::new_v4(), &loads);
    assert_eq!(loads.get(), 2);
}

#[test]
fn forgetting_a_tenant_makes_the_next_read_load() {
    let cache = BrandingCache::with_ttl(Duration::from_secs(60));
    let loads = Cell::new(0);
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    cached(&cache, a, &loads);
    cached(&cache, b, &loads);
    cache.forget(a);
    cached(&cache, a, &loads);
    cached(&cache, b, &loads);
    assert_eq!(loads.get(), 3, "only the forgotten tenant loads again");
}

#[test]
fn entries_expire() {
    let cache = BrandingCache::with_ttl(Duration::ZERO);
    let loads = Cell::new(0);
    let tenant = Uuid::new_v4();
    cached(&cache, tenant, &loads);
    cached(&cache, tenant, &loads);
    assert_eq!(loads.get(), 2);
}

#[test]
fn a_failed_load_caches_nothing() {
    let cache = BrandingCache::with_ttl(Duration::from_secs(60));
    let tenant = Uuid::new_v4();
    let failed = block_on(cache.get_or_load(tenant, || async { Err::<Branding, _>("down") }));
    assert!(failed.is_err());
    assert!(cache.get(tenant).is_none());
}

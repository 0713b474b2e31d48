//! What the pool and the tenant door measure: how long work waits for a
//! connection, and how long it then holds a tenant's transaction open.
//! When requests queue, these say whether the pool (too small, or held too
//! long by slow transactions) is where they wait.
//!
//! The histograms are process-wide (every pool of the process records into
//! them), so `db::run_as` records without knowing who serves them; the
//! server registers them into the registry its `/metrics` answers from.
//! They never carry a tenant: one series per tenant would be unbounded.

use std::sync::LazyLock;
use std::time::Duration;

use prometheus::core::Collector;
use prometheus::{Histogram, HistogramOpts};

/// Waiting for a connection: usually well under a millisecond, up to the
/// pool's 5 s checkout timeout when it is exhausted.
const POOL_WAIT_BUCKETS: &[f64] = &[
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
    1.0, 2.5, 5.0,
];

/// A tenant transaction: a few queries, rarely more than a second.
const TRANSACTION_BUCKETS: &[f64] = &[
    0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

pub struct DbTimings {
    pool_wait: Histogram,
    tenant_transaction: Histogram,
}

impl DbTimings {
    fn new() -> prometheus::Result<Self> {
        Ok(DbTimings {
            pool_wait: Histogram::with_opts(
                HistogramOpts::new(
                    "db_pool_wait_seconds",
                    "Time spent waiting for a pooled database connection.",
                )
                .buckets(POOL_WAIT_BUCKETS.to_vec()),
            )?,
            tenant_transaction: Histogram::with_opts(
                HistogramOpts::new(
                    "db_tenant_transaction_seconds",
                    "Time inside a tenant-bound transaction, from BEGIN to COMMIT or ROLLBACK.",
                )
                .buckets(TRANSACTION_BUCKETS.to_vec()),
            )?,
        })
    }

    /// The histograms, for a registry to expose.
    pub fn collectors(&self) -> Vec<Box<dyn Collector>> {
        vec![
            Box::new(self.pool_wait.clone()),
            Box::new(self.tenant_transaction.clone()),
        ]
    }
}

/// `None` only if the constant names or buckets above were invalid, which
/// the unit test below rules out; recording then does nothing rather than
/// failing a request.
static DB_TIMINGS: LazyLock<Option<DbTimings>> = LazyLock::new(|| DbTimings::new().ok());

pub fn db_timings() -> Option<&'static DbTimings> {
    DB_TIMINGS.as_ref()
}

pub(crate) fn observe_pool_wait(waited: Duration) {
    if let Some(timings) = db_timings() {
        timings.pool_wait.observe(waited.as_secs_f64());
    }
}

pub(crate) fn observe_tenant_transaction(held: Duration) {
    if let Some(timings) = db_timings() {
        timings.tenant_transaction.observe(held.as_secs_f64());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_timings_are_valid_metrics() {
        let timings = db_timings().expect("valid names and buckets");
        let before = timings.pool_wait.get_sample_count();
        observe_pool_wait(Duration::from_millis(2));
        assert!(timings.pool_wait.get_sample_count() > before);
        let registry = prometheus::Registry::new();
        for collector in timings.collectors() {
            registry.register(collector).unwrap();
        }
        let names: Vec<String> = registry
            .gather()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        assert_eq!(
            names,
            ["db_pool_wait_seconds", "db_tenant_transaction_seconds"]
        );
    }
}

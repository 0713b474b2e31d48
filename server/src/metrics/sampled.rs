//! A counter whose value is read from its owner when scraped, for counts a
//! lower crate keeps in plain atomics (the tenant host cache's lookups):
//! that crate stays free of the metrics library, and the hot path pays one
//! atomic add. prometheus' own `PullingGauge` does this for gauges only.

use std::collections::HashMap;

use prometheus::core::{Collector, Desc};
use prometheus::proto::{Counter, Metric, MetricFamily, MetricType};

pub struct SampledCounter {
    desc: Desc,
    read: Box<dyn Fn() -> u64 + Send + Sync>,
}

impl SampledCounter {
    pub fn new(
        name: &str,
        help: &str,
        read: Box<dyn Fn() -> u64 + Send + Sync>,
    ) -> prometheus::Result<Self> {
        Ok(SampledCounter {
            desc: Desc::new(name.into(), help.into(), Vec::new(), HashMap::new())?,
            read,
        })
    }
}

impl Collector for SampledCounter {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let mut counter = Counter::default();
        // Exact up to 2^53, far beyond any process's lookups.
        counter.set_value((self.read)() as f64);
        let mut metric = Metric::default();
        metric.set_counter(counter);
        let mut family = MetricFamily::default();
        family.set_name(self.desc.fq_name.clone());
        family.set_help(self.desc.help.clone());
        family.set_field_type(MetricType::COUNTER);
        family.set_metric(vec![metric]);
        vec![family]
    }
}

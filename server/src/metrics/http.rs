//! Requests counted and timed by method, route pattern and status.
//!
//! The route is the pattern that matched (`/api/v1/customers/{id}`), never
//! the path: paths carry ids and tokens, and unmatched paths are whatever a
//! scanner sends, so both would make series without bound. For the same
//! reason an unknown method is `other`.

use std::time::Duration;

use actix_web::http::{Method, StatusCode};
use prometheus::core::Collector;
use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, Opts};

/// The route label of a request no route matched.
pub const UNMATCHED: &str = "unmatched";

const LABELS: &[&str] = &["method", "route", "status"];

/// From a cached page (a millisecond) to a slow report or upload.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

pub struct HttpMetrics {
    requests: IntCounterVec,
    duration: HistogramVec,
}

impl HttpMetrics {
    pub(super) fn new() -> prometheus::Result<Self> {
        Ok(HttpMetrics {
            requests: IntCounterVec::new(
                Opts::new("http_requests_total", "HTTP requests answered."),
                LABELS,
            )?,
            duration: HistogramVec::new(
                HistogramOpts::new(
                    "http_request_duration_seconds",
                    "Time from a request's arrival to its response, by route pattern.",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                LABELS,
            )?,
        })
    }

    pub(super) fn collectors(&self) -> Vec<Box<dyn Collector>> {
        vec![
            Box::new(self.requests.clone()),
            Box::new(self.duration.clone()),
        ]
    }

    /// Records one answered request. Two lookups of existing series by
    /// borrowed labels: nothing is allocated once a series exists.
    pub fn observe(
        &self,
        method: &Method,
        route: Option<&str>,
        status: StatusCode,
        elapsed: Duration,
    ) {
        let labels = [
            method_label(method),
            route.unwrap_or(UNMATCHED),
            status.as_str(),
        ];
        if let Ok(counter) = self.requests.get_metric_with_label_values(&labels) {
            counter.inc();
        }
        if let Ok(histogram) = self.duration.get_metric_with_label_values(&labels) {
            histogram.observe(elapsed.as_secs_f64());
        }
    }
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

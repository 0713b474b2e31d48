//! `GET /metrics` in Prometheus' text format, served on a listener of its
//! own (METRICS_ADDR, loopback by default) and never on the tenants' hosts:
//! it is for the operator's scraper, so it is not part of the public API
//! and not in the OpenAPI document.
//!
//! What it shows: requests and their latency by route pattern and status;
//! the pool's size, use and checkout wait; time inside tenant transactions;
//! the outbox's due jobs and how long the oldest has waited; the tenant
//! host cache's hits and misses. No label ever names a tenant: one series
//! per tenant would grow without bound (and tell the scraper who the
//! customers are).

mod http;
mod sampled;
mod scrape;

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use anyhow::Context;
use kernel::db::DbPool;
use prometheus::{Gauge, IntGauge, PullingGauge, Registry};
use tenancy::TenantRegistry;

pub use http::HttpMetrics;
use sampled::SampledCounter;

use crate::input_errors;
use crate::state::AppState;

/// One application's metrics. Request counts are the application's own (a
/// test process runs many); the pool's timings are the process's
/// (`kernel::metrics`).
pub struct Metrics {
    registry: Registry,
    pub http: HttpMetrics,
    outbox_due: IntGauge,
    outbox_oldest_wait: Gauge,
}

impl Metrics {
    pub fn new(pool: &DbPool, tenants: &Arc<TenantRegistry>) -> prometheus::Result<Self> {
        let registry = Registry::new();
        let http = HttpMetrics::new()?;
        for collector in http.collectors() {
            registry.register(collector)?;
        }
        if let Some(timings) = kernel::metrics::db_timings() {
            for collector in timings.collectors() {
                registry.register(collector)?;
            }
        }
        // The pool's state is read when scraped (r2d2 keeps it anyway).
        let state_of = |read: fn(&DbPool) -> u32| {
            let pool = pool.clone();
            Box::new(move || f64::from(read(&pool))) as Box<dyn Fn() -> f64 + Send + Sync>
        };
        registry.register(Box::new(PullingGauge::new(
            "db_pool_max_connections",
            "Connections the server's pool may open (DATABASE_POOL_SIZE).",
            state_of(|pool| pool.max_size()),
        )?))?;
        registry.register(Box::new(PullingGauge::new(
            "db_pool_connections",
            "Connections the server's pool has open.",
            state_of(|pool| pool.state().connections),
        )?))?;
        registry.register(Box::new(PullingGauge::new(
            "db_pool_connections_in_use",
            "Connections of the server's pool checked out by work now.",
            state_of(|pool| {
                let state = pool.state();
                state.connections.saturating_sub(state.idle_connections)
            }),
        )?))?;
        let hits = Arc::clone(tenants);
        registry.register(Box::new(SampledCounter::new(
            "tenant_host_cache_hits_total",
            "Tenant hosts answered from the in-process cache.",
            Box::new(move || hits.cache_lookups().hits),
        )?))?;
        let misses = Arc::clone(tenants);
        registry.register(Box::new(SampledCounter::new(
            "tenant_host_cache_misses_total",
            "Tenant hosts looked up in the database (not cached, or expired).",
            Box::new(move || misses.cache_lookups().misses),
        )?))?;
        let outbox_due = IntGauge::new(
            "outbox_jobs_due",
            "Outbox jobs (mail, texts, webhooks, reminders) due and waiting for a worker.",
        )?;
        registry.register(Box::new(outbox_due.clone()))?;
        let outbox_oldest_wait = Gauge::new(
            "outbox_oldest_due_job_age_seconds",
            "How long the longest-waiting due outbox job has been due (0 when none is).",
        )?;
        registry.register(Box::new(outbox_oldest_wait.clone()))?;
        Ok(Metrics {
            registry,
            http,
            outbox_due,
            outbox_oldest_wait,
        })
    }
}

/// Binds the metrics listener (before anything starts, like the main one,
/// so a taken address fails start-up at once).
pub fn bind(addr: &str) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).with_context(|| {
        format!("METRICS_ADDR {addr}: cannot listen there; choose another address, or `off`")
    })
}

/// The metrics server: one worker, no other route. It stops with the
/// application (`Application::run_until_stopped`), not on signals itself.
pub fn serve(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<(u16, Server)> {
    let port = listener.local_addr()?.port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .route("/metrics", web::get().to(scrape::metrics))
            .default_service(web::to(input_errors::route_not_found))
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .listen(listener)?
    .run();
    Ok((port, server))
}

//! Builds the application from Settings: pools, background workers, routes.
//! `Application::build` binds first (port 0 works), so tests learn the port.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use billing::subscriptions::UsageMeters;
use billing::Limit;
use customers::CustomerData;
use identity::{AccessCheck, JwtKeys};
use kernel::db;
use kernel::settings::Settings;
use notify::webhooks::EventCatalog;
use storage::{FileStore, LocalDisk};
use stores::tracking::OrderFeed;
use tenancy::TenantRegistry;

use crate::state::AppState;
use crate::{extract, health, input_errors, metrics, openapi, pages, telemetry};

pub struct Application {
    port: u16,
    server: Server,
    /// The metrics listener's port and server, unless METRICS_ADDR=off.
    metrics: Option<(u16, Server)>,
    pub state: AppState,
}

pub fn build_state(settings: Settings) -> anyhow::Result<AppState> {
    // Anyone who knows the secret can sign an owner's token for any tenant:
    // a published or weak one is refused before anything starts.
    settings.check_for_serving()?;
    if let Some(why) = kernel::settings::jwt_secret_weakness(&settings.jwt_secret) {
        tracing::warn!("APP_ENV=development: JWT_SECRET {why}; never run production like this");
    }
    let pool = db::build_pool_recycling(
        &settings.database_url,
        settings.database_pool_size,
        db::RECYCLING.with_max_backend_mb(settings.database_backend_max_mb),
    )?;
    let registry = TenantRegistry::new(
        pool.clone(),
        settings.base_domain.clone(),
        settings.database_url.clone(),
    );
    let redis = deadpool_redis::Config::from_url(settings.redis_url.clone())
        .builder()?
        .max_size(settings.workers.max(2) * 4)
        .wait_timeout(Some(std::time::Duration::from_millis(300)))
        .create_timeout(Some(std::time::Duration::from_millis(300)))
        .recycle_timeout(Some(std::time::Duration::from_millis(300)))
        .runtime(deadpool_redis::Runtime::Tokio1)
        .build()?;
    let keys = Arc::new(JwtKeys::new(
        &settings.jwt_secret,
        settings.access_token_ttl_secs,
    ));
    // Each capability that keeps data on customers, or emits events,
    // registers it here; customers and notify know none of them.
    let customer_data = CustomerData::default()
        .with(bookings::customer_records::SECTION)
        .with(stores::customer_records::SECTION)
        .with(clinics::customer_records::SECTION);
    let events = EventCatalog::default()
        .with(&bookings::events::EVENT_NAMES)
        .with(&stores::orders::events::EVENT_NAMES);
    // What counts each plan limit's use, for the subscription's view.
    let usage = UsageMeters::default()
        .with(Limit::Staff, bookings::staff::count)
        .with(Limit::Services, bookings::services::count)
        .with(Limit::Customers, customers::repo::count)
        .with(Limit::Products, stores::catalog::count)
        .with(Limit::StorageMb, storage_mb)
        .with(Limit::Patients, clinics::patients::count_active);
    let metrics = Arc::new(metrics::Metrics::new(&pool, &registry)?);
    let order_feed = OrderFeed::new(settings.database_url.clone());
    let files: Arc<dyn FileStore> = Arc::new(LocalDisk::new(&settings.storage_dir));
    Ok(AppState {
        keys,
        access: AccessCheck::listening(settings.database_url.clone()),
        schedules: Arc::default(),
        settings: Arc::new(settings),
        pool,
        registry,
        redis,
        customer_data: Arc::new(customer_data),
        events: Arc::new(events),
        usage: Arc::new(usage),
        order_feed,
        files,
        shop_home: Arc::default(),
        catalog_views: Arc::default(),
        metrics,
    })
}

/// Megabytes (rounded up) of every file the plan's `storage_mb` counts:
/// the shop's prescriptions and the clinic's documents, summed in bytes so
/// each part is not rounded up on its own. The usage view reads it, and a
/// clinic's upload checks its room against it.
pub fn storage_mb(conn: &mut diesel::PgConnection) -> diesel::QueryResult<i64> {
    const MB: i64 = 1024 * 1024;
    let bytes = stores::prescriptions::storage_bytes(conn)?
        .saturating_add(clinics::documents::storage_bytes(conn)?);
    Ok(bytes.saturating_add(MB - 1) / MB)
}

/// The outbox workers; each stops once the application's state is dropped.
fn spawn_workers(state: &AppState) {
    notify::worker::spawn(&state.settings);
    notify::deliveries::spawn(&state.settings);
    bookings::reminders::spawn(&state.settings);
    stores::orders::expiry::spawn(&state.settings);
    billing::sweeper::spawn(&state.settings);
    stores::catalog::view_counts::spawn(&state.settings, state.catalog_views.clone());
}

impl Application {
    pub fn build(settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))?;
        let port = listener.local_addr()?.port();
        // Its own listener: the tenants' hosts never answer /metrics.
        let metrics_listener = match settings.metrics_addr.as_deref() {
            Some(addr) => Some(metrics::bind(addr)?),
            None => None,
        };
        let state = build_state(settings)?;
        spawn_workers(&state);
        let settings = state.settings.clone();
        let data = web::Data::new(state.clone());
        let metrics = match metrics_listener {
            Some(listener) => Some(metrics::serve(listener, data.clone())?),
            None => None,
        };
        // Built once: every worker serves the same bytes.
        let document = web::Data::new(openapi::ServedDocument::build(&state.events)?);
        // One blocking thread a connection: a thread done with its lane
        // takes the next request at once. With more, requests wait in the
        // pool instead and each hand-off wakes a sleeping thread: one
        // tenant's throughput fell by a fifth (three threads a connection).
        let blocking_per_worker = (settings.database_pool_size as usize / settings.workers).max(2);
        let workers = settings.workers;
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(input_errors::json_config(settings.max_body_bytes))
                .app_data(input_errors::query_config())
                .app_data(input_errors::path_config())
                .app_data(web::PayloadConfig::new(settings.max_body_bytes))
                .wrap(from_fn(extract::tenant::resolve_tenant))
                .wrap(from_fn(telemetry::log_requests))
                .route("/healthz", web::get().to(health::healthz))
                .route("/readyz", web::get().to(health::readyz))
                .configure(|cfg| openapi::routes(cfg, document.clone()))
                .service(web::scope(openapi::API_PREFIX).configure(openapi::api_routes))
                .configure(pages::routes)
                .default_service(web::to(input_errors::route_not_found))
        })
        .workers(workers)
        .worker_max_blocking_threads(blocking_per_worker)
        .shutdown_timeout(20)
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            metrics,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The metrics listener's port (`None` with METRICS_ADDR=off).
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    /// Runs until stopped; SIGTERM and SIGINT stop it gracefully (actix
    /// drains in-flight requests before exiting), and the metrics listener
    /// with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics = self.metrics.map(|(_, server)| {
            let handle = server.handle();
            tokio::spawn(server);
            handle
        });
        let served = self.server.await;
        if let Some(handle) = metrics {
            handle.stop(true).await;
        }
        served
    }
}

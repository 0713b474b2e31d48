use kernel::settings::{load_dotenv, Settings};

/// mimalloc hands freed memory back to the system (at once: see
/// `server::memory`); with the system allocator, each password hash
/// (~19 MiB) stayed resident per thread arena. It is C's malloc too (the
/// crate's "override" feature), so libpq's results are in it as well.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use server::startup::Application;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    server::memory::return_freed_memory_at_once();
    load_dotenv();
    kernel::telemetry::init();
    let settings = Settings::from_env()?;
    let app = Application::build(settings.clone())?;
    tracing::info!(
        host = %settings.host,
        port = app.port(),
        base_domain = %settings.base_domain,
        "server listening"
    );
    if let Some(metrics_port) = app.metrics_port() {
        tracing::info!(metrics_port, "metrics listening (GET /metrics)");
    }
    app.run_until_stopped().await?;
    tracing::info!("server stopped");
    Ok(())
}

//! The scrape: what is only known by asking (the outbox) is asked now,
//! then every metric is rendered.

use std::time::Duration;

use actix_web::{web, HttpResponse};
use kernel::db;
use kernel::error::AppError;
use prometheus::{Encoder, TextEncoder};

use crate::problem::ApiResult;
use crate::state::AppState;

/// The outbox count must not hold up the rest: when the pool is exhausted
/// the pool's own metrics are the ones needed, and the scraper's timeout
/// (10 s by default) must not pass first.
const OUTBOX_QUERY_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn metrics(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let metrics = &state.metrics;
    let due = tokio::time::timeout(
        OUTBOX_QUERY_TIMEOUT,
        db::run(&state.pool, |conn| {
            notify::outbox::due_jobs(conn).map_err(AppError::from)
        }),
    )
    .await;
    let outbox_known = match due {
        Ok(Ok(due)) => {
            metrics.outbox_due.set(due.count);
            metrics.outbox_oldest_wait.set(due.oldest_wait_secs);
            true
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "metrics: cannot count the outbox's due jobs");
            false
        }
        Err(_) => {
            tracing::warn!("metrics: counting the outbox's due jobs timed out");
            false
        }
    };
    let mut families = metrics.registry.gather();
    // A stale count would look like a queue that stopped moving: without
    // a fresh one the outbox's series are left out of this scrape.
    if !outbox_known {
        families.retain(|family| !family.name().starts_with("outbox_"));
    }
    let encoder = TextEncoder::new();
    let mut body = Vec::new();
    encoder
        .encode(&families, &mut body)
        .map_err(AppError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(encoder.format_type())
        .body(body))
}

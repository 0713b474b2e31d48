//! /healthz: the process answers. /readyz: the database answers, and how Redis is.

use std::time::Duration;

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::json;

use crate::state::AppState;
use kernel::db;

const PROBE_TIMEOUT: Duration = Duration::from_millis(800);

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

pub async fn redis_ok(redis: &deadpool_redis::Pool) -> bool {
    let probe = async {
        let mut conn = redis.get().await.ok()?;
        deadpool_redis::redis::cmd("PING")
            .query_async::<String>(&mut *conn)
            .await
            .ok()
    };
    matches!(
        tokio::time::timeout(PROBE_TIMEOUT, probe).await,
        Ok(Some(_))
    )
}

pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let database = tokio::time::timeout(
        PROBE_TIMEOUT,
        db::run(&state.pool, |conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        }),
    )
    .await;
    let database_ok = matches!(database, Ok(Ok(())));
    let redis_ok = redis_ok(&state.redis).await;
    let body = json!({
        "status": if !database_ok { "unavailable" } else if redis_ok { "ok" } else { "degraded" },
        "database": if database_ok { "ok" } else { "down" },
        "redis": if redis_ok { "ok" } else { "degraded" },
    });
    if database_ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

//! The tenant's webhook endpoints (owner/admin): where booking events go.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::tokens::AdminUser;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::schema::tenant::webhook_endpoints;
use crate::state::AppState;
use crate::tenancy::middleware::CurrentTenant;

pub const EVENTS: [&str; 3] = [
    "booking.created",
    "booking.cancelled",
    "booking.rescheduled",
];

#[derive(Debug, Serialize, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints, check_for_backend(diesel::pg::Pg))]
pub struct Endpoint {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointBody {
    pub url: String,
    #[serde(default)]
    pub events: Option<Vec<String>>,
}

fn check_url(raw: &str) -> AppResult<String> {
    let url = raw.trim();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2000
        && url.len() > "http://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(url.to_string())
    } else {
        Err(AppError::invalid(
            "url",
            format!("{raw:?} is not an http(s) URL"),
        ))
    }
}

fn check_events(events: Option<Vec<String>>) -> AppResult<Vec<String>> {
    let events = events.unwrap_or_else(|| EVENTS.iter().map(|e| e.to_string()).collect());
    if events.is_empty() {
        return Err(AppError::invalid("events", "name at least one event"));
    }
    if let Some(bad) = events.iter().find(|e| !EVENTS.contains(&e.as_str())) {
        return Err(AppError::invalid(
            "events",
            format!("{bad:?} is not one of {}", EVENTS.join(", ")),
        ));
    }
    Ok(events)
}

async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
) -> AppResult<HttpResponse> {
    let items = db::tenant_tx(&state.pool, &tenant.schema, |conn| {
        Ok(webhook_endpoints::table
            .order(webhook_endpoints::created_at)
            .select(Endpoint::as_select())
            .load(conn)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "items": items })))
}

/// The signing secret is shown in this answer only; keep it to verify
/// the X-Webhook-Signature header of deliveries.
async fn create(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    body: web::Json<EndpointBody>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let url = check_url(&b.url)?;
    let events = check_events(b.events)?;
    let mut raw = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let secret = format!("whsec_{}", hex::encode(raw));
    let stored = secret.clone();
    let endpoint = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        Ok(diesel::insert_into(webhook_endpoints::table)
            .values((
                webhook_endpoints::id.eq(Uuid::new_v4()),
                webhook_endpoints::url.eq(url),
                webhook_endpoints::secret.eq(stored),
                webhook_endpoints::events.eq(events),
            ))
            .returning(Endpoint::as_returning())
            .get_result(conn)?)
    })
    .await?;
    let mut body = serde_json::to_value(endpoint).map_err(AppError::internal)?;
    body["secret"] = serde_json::Value::String(secret);
    Ok(HttpResponse::Created().json(body))
}

async fn remove(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let n = db::tenant_tx(&state.pool, &tenant.schema, move |conn| {
        Ok(diesel::delete(webhook_endpoints::table.find(id)).execute(conn)?)
    })
    .await?;
    if n == 0 {
        return Err(AppError::not_found(
            "webhook_not_found",
            "There is no such webhook endpoint.",
        ));
    }
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/webhooks")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .route("/webhooks/{id}", web::delete().to(remove));
}

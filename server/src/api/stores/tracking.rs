//! GET /api/v1/orders/{id}/events: an order's status changes as
//! server-sent events, for the customer whose order it is, staff, or the
//! holder of its tracking token (`X-Order-Token`, or `?token=` for a
//! browser's EventSource, which cannot send headers; request logs carry
//! paths only, never the query).
//!
//! The stream first sends the events after `Last-Event-ID` (all of them on
//! a first connection), then each new one as the order feed announces it.
//! It ends after `MAX_OPEN`; the browser reconnects with the last id it got
//! and misses nothing.

use std::collections::VecDeque;
use std::time::Duration;

use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;
use uuid::Uuid;

use crate::extract::{CurrentTenant, SignedIn};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use kernel::db::{self, DbPool};
use kernel::values::SchemaName;
use stores::orders::{find_visible, Access, OrderError};
use stores::tracking::{events_after, OrderNote, StatusEvent};

use super::orders::access;

problems!(EventsProblems { 404 => [order_not_found] });

/// A comment line every so often keeps proxies from closing a quiet stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
const MAX_OPEN: Duration = Duration::from_secs(30 * 60);
/// Events read per query; an order has few.
const BATCH: i64 = 100;

/// One message of the stream, as an event-stream client reads it.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct StatusMessage {
    /// Always `status`.
    event: String,
    /// The change's id, sent back as Last-Event-ID on reconnecting.
    id: String,
    /// The change, as JSON: a StatusEvent.
    #[schema(content_media_type = "application/json")]
    data: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TrackQuery {
    /// The order's tracking token, for clients that cannot send
    /// `X-Order-Token` (a browser's EventSource).
    pub token: Option<String>,
}

/// The id the browser last got, when it reconnects.
pub fn last_event_id(req: &HttpRequest) -> i64 {
    req.headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|id| *id >= 0)
        .unwrap_or(0)
}

#[utoipa::path(get, path = "/orders/{id}/events", tag = "orders", operation_id = "follow_order",
    params(("id" = Uuid, Path, description = "The order's id"),
        ("X-Order-Token" = Option<String>, Header, description = "The order's tracking token"),
        ("Last-Event-ID" = Option<i64>, Header, description = "The last event id received, on reconnecting"),
        TrackQuery),
    responses(
        (status = 200, description = "An endless text/event-stream of `status` events; each one's data is a StatusEvent as JSON, its id the change's",
            body = StatusMessage, content_type = "text/event-stream"),
        EventsProblems))]
pub async fn events(
    req: HttpRequest,
    user: Option<SignedIn>,
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<TrackQuery>,
) -> ApiResult<HttpResponse> {
    let order_id = Uuid::parse_str(&path).map_err(|_| OrderError::NotFound)?;
    let by_header = access(user.as_ref().map(|u| &u.0), &req);
    let access = match query.into_inner().token {
        Some(token) if !by_header.is_staff() => by_header.with_token(Some(&token)),
        _ => by_header,
    };
    follow(&tenant, &state, order_id, access, last_event_id(&req)).await
}

/// The order's events after `after` as a stream, for whoever `access` lets
/// see the order (the API's handler, and the order's page for its page
/// session or tracking cookie); 404 for anyone else.
pub async fn follow(
    tenant: &CurrentTenant,
    state: &AppState,
    order_id: Uuid,
    access: Access,
    after: i64,
) -> ApiResult<HttpResponse> {
    // Subscribed before the stored events are read: nothing committed in
    // between is missed.
    let notes = state.order_feed.subscribe();
    let first = tenant
        .run(state, move |conn| {
            find_visible(conn, &access, order_id)?;
            Ok::<_, OrderError>(events_after(conn, order_id, after, BATCH)?)
        })
        .await?;
    let mut stream = Stream {
        pool: state.pool.clone(),
        schema: tenant.schema.clone(),
        order_id,
        last_id: after,
        notes,
        pending: VecDeque::new(),
        ends_at: Instant::now() + MAX_OPEN,
    };
    stream.queue(first);
    let body = futures_util::stream::unfold(stream, |mut s| async move {
        s.next()
            .await
            .map(|chunk| (Ok::<_, actix_web::Error>(chunk), s))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-store"))
        // nginx would otherwise hold the events back in its buffer.
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

struct Stream {
    pool: DbPool,
    schema: SchemaName,
    order_id: Uuid,
    last_id: i64,
    notes: Receiver<OrderNote>,
    pending: VecDeque<Bytes>,
    ends_at: Instant,
}

impl Stream {
    fn queue(&mut self, events: Vec<StatusEvent>) {
        for event in events {
            self.last_id = self.last_id.max(event.id);
            let data = serde_json::to_string(&event).unwrap_or_default();
            self.pending.push_back(Bytes::from(format!(
                "id: {}\nevent: status\ndata: {data}\n\n",
                event.id
            )));
        }
    }

    /// The order's events after the last one sent.
    async fn catch_up(&mut self) -> bool {
        let (order_id, after) = (self.order_id, self.last_id);
        match db::tenant_tx(&self.pool, &self.schema, move |conn| {
            Ok(events_after(conn, order_id, after, BATCH)?)
        })
        .await
        {
            Ok(events) => {
                self.queue(events);
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "order stream cannot read its events; closing it");
                false
            }
        }
    }

    fn concerns_us(&self, note: &OrderNote) -> bool {
        note.order_id == self.order_id && note.schema == self.schema.as_str()
    }

    /// The next chunk to send; None ends the stream.
    async fn next(&mut self) -> Option<Bytes> {
        loop {
            if let Some(chunk) = self.pending.pop_front() {
                return Some(chunk);
            }
            if Instant::now() >= self.ends_at {
                return None;
            }
            let wake = tokio::time::sleep(KEEP_ALIVE);
            tokio::select! {
                note = self.notes.recv() => match note {
                    Ok(note) if self.concerns_us(&note) => {
                        if !self.catch_up().await {
                            return None;
                        }
                    }
                    Ok(_) => {}
                    // Fell behind the feed: the database has what was missed.
                    Err(RecvError::Lagged(_)) => {
                        if !self.catch_up().await {
                            return None;
                        }
                    }
                    Err(RecvError::Closed) => return None,
                },
                _ = wake => {
                    // Also covers notes lost while the feed reconnected.
                    if !self.catch_up().await {
                        return None;
                    }
                    if self.pending.is_empty() {
                        self.pending.push_back(Bytes::from_static(b": keep-alive\n\n"));
                    }
                }
            }
        }
    }
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_events, events);
}

//! GET /shop/orders/{order_id}/events: the order's status changes as
//! server-sent events, for the order page's script. The API's stream
//! (`/api/v1/orders/{id}/events`) wants a bearer token or the tracking
//! token in its query; this one takes what the page itself goes by (the
//! page session, or the tracking cookie, which the browser sends here since
//! it is under the order's path), so no token is ever put in a URL.
//!
//! It starts after `?after=` (the last event the page showed) and, when the
//! browser reconnects, after the Last-Event-ID it sends.

use std::collections::HashMap;

use actix_web::{web, HttpRequest, HttpResponse};

use super::id_or_404;
use super::order::access_of;
use crate::api::stores::tracking;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Page, PageError};

fn after(req: &HttpRequest) -> i64 {
    if req.headers().contains_key("last-event-id") {
        return tracking::last_event_id(req);
    }
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("after").and_then(|a| a.trim().parse::<i64>().ok()))
        .filter(|a| *a >= 0)
        .unwrap_or(0)
}

pub async fn follow(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = id_or_404(&p, &path)?;
    let access = access_of(&p, &req);
    tracking::follow(&tenant, &p.state, id, access, after(&req))
        .await
        .map_err(|e| p.fail(e.0))
}

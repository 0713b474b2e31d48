//! The status events a stream sends: those after the last one it sent.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::schema::order_events;

/// One status change, as a tracking page shows it.
#[derive(Debug, Clone, Serialize, Queryable, utoipa::ToSchema)]
pub struct StatusEvent {
    /// Increasing; a reconnecting stream sends it back as Last-Event-ID.
    pub id: i64,
    pub from_status: Option<String>,
    pub status: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// Events of `order_id` after `after` (all of them from 0), oldest first,
/// at most `limit`.
pub fn events_after(
    conn: &mut PgConnection,
    order_id: Uuid,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<StatusEvent>> {
    order_events::table
        .filter(order_events::order_id.eq(order_id))
        .filter(order_events::id.gt(after))
        .order(order_events::id)
        .limit(limit)
        .select((
            order_events::id,
            order_events::from_status,
            order_events::to_status,
            order_events::note,
            order_events::created_at,
        ))
        .load(conn)
}

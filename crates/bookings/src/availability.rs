//! GET /services/{id}/availability: the bookable slots of a service.

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest range one query may ask for.
pub const MAX_DAYS: i64 = 62;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub staff_id: Option<Uuid>,
}

#[derive(Debug, Serialize)]
pub struct SlotView {
    pub start: String,
    pub end: String,
    pub staff_id: Uuid,
}

/// RFC 3339 in UTC with a Z, the form the booking endpoint accepts back.
pub fn rfc3339(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

//! What a prescription is to its readers.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::schema::prescriptions;

kernel::text_enum! {
    /// Where a prescription stands with staff.
    pub enum ReviewStatus {
        PendingReview => "pending_review",
        Approved => "approved",
        Rejected => "rejected",
    }
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = prescriptions, check_for_backend(diesel::pg::Pg))]
pub struct PrescriptionView {
    pub id: Uuid,
    pub order_id: Uuid,
    /// Read from the file's content, whatever its name said.
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub status: ReviewStatus,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

/// Staff's decision on a prescription.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    pub decision: Decision,
    /// Why (kept on the prescription; a rejection's goes into the order's
    /// history and the buyer's mail).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

//! Prescription queries, in the tenant's transaction.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use uuid::Uuid;

use super::error::PrescriptionError;
use super::model::{PrescriptionView, ReviewStatus};
use crate::schema::{orders, prescriptions};

/// Bytes of prescriptions kept: the plan's `storage_mb` adds them to the
/// other files a tenant keeps (a clinic's documents) before rounding.
pub fn storage_bytes(conn: &mut PgConnection) -> QueryResult<i64> {
    diesel::dsl::sql::<BigInt>("SELECT coalesce(sum(size_bytes), 0)::bigint FROM prescriptions")
        .get_result(conn)
}

/// The prescriptions staff look at, with their order's number, newest
/// first; `status` None for all.
pub fn list(
    conn: &mut PgConnection,
    status: Option<ReviewStatus>,
) -> QueryResult<Vec<(PrescriptionView, i64)>> {
    let mut query = prescriptions::table
        .inner_join(orders::table)
        .select((PrescriptionView::as_select(), orders::number))
        .order((prescriptions::created_at.desc(), prescriptions::id.desc()))
        .limit(200)
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(prescriptions::status.eq(status));
    }
    query.load(conn)
}

/// Where a prescription's file is, and what it is.
pub fn find_file(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<(String, String, Uuid), PrescriptionError> {
    prescriptions::table
        .find(id)
        .select((
            prescriptions::storage_key,
            prescriptions::content_type,
            prescriptions::order_id,
        ))
        .first(conn)
        .optional()?
        .ok_or(PrescriptionError::NotFound)
}

//! The buyer uploads a prescription for their order.

use diesel::prelude::*;
use storage::{FileStore, StorageKey, Upload};
use uuid::Uuid;

use super::error::PrescriptionError;
use super::model::PrescriptionView;
use crate::orders::{find_for_update, Access, OrderStatus};
use crate::schema::{orders, prescriptions};

/// The storage area of prescriptions, under each tenant's folder.
pub const AREA: &str = "prescriptions";

/// Keeps the file (blocking: run it on the blocking pool, outside any
/// transaction) under a new id, which `attach` then records.
pub fn store_file(
    store: &dyn FileStore,
    tenant_id: Uuid,
    upload: &Upload,
) -> Result<(Uuid, StorageKey), PrescriptionError> {
    let id = Uuid::new_v4();
    let key = StorageKey::new(tenant_id, AREA, id);
    store
        .put(&key, &upload.bytes)
        .map_err(|e| kernel::error::AppError::internal(format!("storing a prescription: {e}")))?;
    Ok((id, key))
}

/// Records a stored file as the order's prescription, in the tenant's
/// transaction: only the order's buyer (or staff) may, only while the
/// order waits for one (or for its review: a clearer scan may follow),
/// and within the plan's storage. `used_mb` counts every file the plan's
/// `storage_mb` covers, the clinic's documents too: the shop knows only
/// its own, so the server, which knows both, passes it.
pub fn attach(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    access: &Access,
    order_id: Uuid,
    (id, key): (Uuid, &StorageKey),
    upload: &Upload,
    used_mb: impl FnOnce(&mut PgConnection) -> QueryResult<i64>,
) -> Result<PrescriptionView, PrescriptionError> {
    let order = find_for_update(conn, order_id)?
        .filter(|o| access.may_see(o))
        .ok_or(crate::orders::OrderError::NotFound)?;
    let waiting = matches!(
        order.prescription_status.as_deref(),
        Some("awaiting_upload" | "pending_review")
    );
    let open = matches!(
        order.status,
        OrderStatus::PendingPayment | OrderStatus::Paid | OrderStatus::Processing
    );
    if !waiting || !open {
        return Err(PrescriptionError::NotExpected);
    }
    let adding_mb = i64::try_from(upload.size().div_ceil(1024 * 1024)).unwrap_or(i64::MAX);
    billing::ensure_room(
        conn,
        tenant_id,
        billing::Limit::StorageMb,
        adding_mb,
        used_mb,
    )?;
    let view = diesel::insert_into(prescriptions::table)
        .values((
            prescriptions::id.eq(id),
            prescriptions::order_id.eq(order_id),
            prescriptions::content_type.eq(upload.kind.mime()),
            prescriptions::size_bytes.eq(i64::try_from(upload.size()).unwrap_or(i64::MAX)),
            prescriptions::sha256.eq(&upload.sha256),
            prescriptions::storage_key.eq(key.as_str()),
        ))
        .returning(PrescriptionView::as_returning())
        .get_result(conn)?;
    diesel::update(orders::table.find(order_id))
        .set((
            orders::prescription_status.eq("pending_review"),
            orders::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    Ok(view)
}

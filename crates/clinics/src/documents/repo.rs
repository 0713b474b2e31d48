//! Document queries and operations, in the tenant's transaction (except
//! `store_file`, which writes the bytes before it).

use diesel::dsl::exists;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use storage::{FileStore, StorageKey, Upload};
use uuid::Uuid;

use super::error::DocumentError;
use super::model::{DocumentTitle, DocumentView};
use super::schema::patient_documents;
use crate::schema::patients;

/// The storage area of documents, under each tenant's folder.
pub const AREA: &str = "documents";

/// Most documents listed at once (newest first).
const LIST_LIMIT: i64 = 500;

/// A file written to the store, waiting for the row that names it.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub id: Uuid,
    pub key: StorageKey,
}

/// Keeps the bytes under a new id (blocking: run it on the blocking pool,
/// outside any transaction), for `attach` to record.
pub fn store_file(
    store: &dyn FileStore,
    tenant_id: Uuid,
    upload: &Upload,
) -> Result<StoredFile, DocumentError> {
    let id = Uuid::new_v4();
    let key = StorageKey::new(tenant_id, AREA, id);
    store
        .put(&key, &upload.bytes)
        .map_err(|e| kernel::error::AppError::internal(format!("storing a document: {e}")))?;
    Ok(StoredFile { id, key })
}

fn patient_exists(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<bool> {
    diesel::select(exists(patients::table.filter(patients::id.eq(patient_id)))).get_result(conn)
}

/// Bytes of documents kept, for the plan's `storage_mb` (which the server
/// adds to the shop's prescriptions).
pub fn storage_bytes(conn: &mut PgConnection) -> QueryResult<i64> {
    diesel::dsl::sql::<BigInt>("SELECT coalesce(sum(size_bytes), 0)::bigint FROM patient_documents")
        .get_result(conn)
}

/// Makes sure the plan's storage has room for `size` more bytes, with
/// `used_mb` counting the megabytes in use now (every kind of file the plan
/// counts). Callers check before writing a file, so a full plan gets no
/// file written at all, and again in the transaction that records it,
/// where the plan-limit lock makes the check hold against concurrent
/// uploads.
pub fn check_room<F>(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    size: u64,
    used_mb: F,
) -> Result<(), DocumentError>
where
    F: FnOnce(&mut PgConnection) -> QueryResult<i64>,
{
    let adding_mb = i64::try_from(size.div_ceil(1024 * 1024)).unwrap_or(i64::MAX);
    billing::ensure_room(
        conn,
        tenant_id,
        billing::Limit::StorageMb,
        adding_mb,
        used_mb,
    )?;
    Ok(())
}

/// Records a stored file on the patient's record, within the plan's
/// storage (see [`check_room`]).
pub fn attach<F>(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    uploaded_by: Uuid,
    patient_id: Uuid,
    (file, title): (&StoredFile, &DocumentTitle),
    upload: &Upload,
    used_mb: F,
) -> Result<DocumentView, DocumentError>
where
    F: FnOnce(&mut PgConnection) -> QueryResult<i64>,
{
    if !patient_exists(conn, patient_id)? {
        return Err(DocumentError::PatientNotFound);
    }
    let size = i64::try_from(upload.size()).unwrap_or(i64::MAX);
    check_room(conn, tenant_id, upload.size(), used_mb)?;
    Ok(diesel::insert_into(patient_documents::table)
        .values((
            patient_documents::id.eq(file.id),
            patient_documents::patient_id.eq(patient_id),
            patient_documents::title.eq(title.as_str()),
            patient_documents::content_type.eq(upload.kind.mime()),
            patient_documents::size_bytes.eq(size),
            patient_documents::sha256.eq(&upload.sha256),
            patient_documents::storage_key.eq(file.key.as_str()),
            patient_documents::uploaded_by.eq(uploaded_by),
        ))
        .returning(DocumentView::as_returning())
        .get_result(conn)?)
}

/// The patient's documents, newest first.
pub fn list(conn: &mut PgConnection, patient_id: Uuid) -> Result<Vec<DocumentView>, DocumentError> {
    if !patient_exists(conn, patient_id)? {
        return Err(DocumentError::PatientNotFound);
    }
    Ok(patient_documents::table
        .filter(patient_documents::patient_id.eq(patient_id))
        .select(DocumentView::as_select())
        .order((
            patient_documents::created_at.desc(),
            patient_documents::id.desc(),
        ))
        .limit(LIST_LIMIT)
        .load(conn)?)
}

/// The patient a document is on, if there is such a document: what the
/// access audit needs before the request reads it.
pub fn patient_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Uuid>> {
    patient_documents::table
        .find(id)
        .select(patient_documents::patient_id)
        .first(conn)
        .optional()
}

/// A document and where its bytes are.
pub fn find(conn: &mut PgConnection, id: Uuid) -> Result<(DocumentView, String), DocumentError> {
    patient_documents::table
        .find(id)
        .select((DocumentView::as_select(), patient_documents::storage_key))
        .first(conn)
        .optional()?
        .ok_or(DocumentError::NotFound)
}

/// Deletes the row and answers where its file is. The caller removes the
/// file only once this transaction has committed: were the file removed
/// first and the transaction then rolled back, the row would name a file
/// that is gone; this way a crash in between leaves at worst a file that
/// no row names, which costs disk but never a broken record.
pub fn remove(conn: &mut PgConnection, id: Uuid) -> Result<(DocumentView, String), DocumentError> {
    diesel::delete(patient_documents::table.find(id))
        .returning((DocumentView::as_select(), patient_documents::storage_key))
        .get_result(conn)
        .optional()?
        .ok_or(DocumentError::NotFound)
}

//! The access audit: one row for every request that read or changed a
//! patient's record (details, notes, plans, documents, invoices, export),
//! failed requests included, read back by the owner and admins.
//!
//! A request records its access with [`record`] as the last statement of
//! its own transaction, so a committed change is never without its row.
//! A request that fails has its transaction rolled back; the caller then
//! records the failed access in a transaction of its own (the server's
//! `clinics::audited` does both). Either way the row is written only when
//! the patient exists: a request for a record that is not there reached
//! no record.

mod repo;

pub use repo::{list, record, record_all, AccessEntry};

use uuid::Uuid;

/// Who reached a record, and from where.
#[derive(Debug, Clone)]
pub struct Accessor {
    /// A platform user's id (staff), or a customer's id (the patient).
    pub actor_id: Uuid,
    /// Their role on the tenant: owner, admin, staff or customer.
    pub role: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
}

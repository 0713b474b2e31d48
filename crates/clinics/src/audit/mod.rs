//! The access audit: one row for every request that read or changed a
//! patient's record (details, notes, plans, documents, invoices, export),
//! failed requests included, read back by the owner and admins.
//!
//! A request records its access with [`record`] as the last statement of
//! its own transaction, so a committed change is never without its row; a
//! read of one statement (the chart) writes it in that statement
//! ([`logged`]).
//! A request that fails has its transaction rolled back; the caller then
//! records the failed access in a transaction of its own (the server's
//! `clinics::audited` does both). Either way the row is written only when
//! the patient exists: a request for a record that is not there reached
//! no record.

mod repo;

pub use repo::{list, logged, record, record_all, AccessEntry};

/// Who reached a record, and from where: the very type the customer-data
/// registry hands its sections, so the clinic's section records the
/// export or erasure of a patient's record as any request does.
pub use customers::Actor as Accessor;

/// The payment provider's webhook, recording a card payment on an invoice:
/// no one signed in. The nil id and the role `payment_provider` say so in
/// the access log; the request id is the provider's event id, which says
/// which delivery it was.
pub fn payment_provider(event_id: &str) -> Accessor {
    Accessor {
        id: uuid::Uuid::nil(),
        role: "payment_provider".into(),
        ip: None,
        request_id: Some(event_id.to_string()),
    }
}

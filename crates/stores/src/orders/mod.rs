//! Orders after checkout: statuses and their allowed transitions, history,
//! restocking, expiry of unpaid orders, mails and webhook events, and the
//! invoice of a paid order.
//!
//! Who may see an order is `Access` (staff, the customer who placed it, the
//! holder of its tracking token); anyone else meets `OrderError::NotFound`,
//! as for an order that does not exist. Every change runs in the caller's
//! tenant transaction with the order's row locked (`changes`).

mod changes;
mod error;
pub(crate) mod mail;
mod repo;
mod views;

pub mod access;
pub mod events;
pub mod expiry;
pub mod invoice;
pub mod listing;
pub mod model;
pub mod status;

#[cfg(test)]
mod test_rows;

pub use access::Access;
pub use changes::{
    announce_created, cancel_by_buyer, change_status, StatusBody, StatusChange, MAX_NOTE_CHARS,
};
pub use error::OrderError;
pub use listing::{ListFilter, ListQuery, Scope};
pub use model::{HistoryEntry, OrderDetail, OrderLine, OrderRow, OrderSummary, Page, PaymentView};
pub use status::{Actor, OrderStatus, TRANSITIONS};
pub use views::{find_visible, list, list_own, view};

pub(crate) use changes::apply;
pub(crate) use repo::{find_for_update, record, record_payment, NewEntry};

//! Offline sync for the clinic's mobile app (staff only): a pull of every
//! patient, note and plan changed since a cursor, and a push of a batch of
//! changes made offline, applied in one transaction with a per-record
//! answer.
//!
//! The change feed: a trigger on `patients`, `clinical_notes` and
//! `treatment_plans` adds a `sync_changes` row (entity, id, version, the
//! writing transaction's id) for every insert, update (archiving included)
//! and delete, in the writing transaction. Ordering by a sequence alone is
//! not safe: a transaction that drew a lower number can commit after a
//! pull that handed out a higher one, and the client, past that number,
//! would never see it. So a pull hands out only rows whose transaction id
//! is below the xmin of the current snapshot (every such transaction has
//! ended: its rows are all visible or never will be), ordered by
//! (txid, id), and the cursor is the last (txid, id) handed out. A
//! transaction still running at a pull has a txid at or above that xmin,
//! thus above the cursor, and the next pull after it commits delivers it.
//! The price: while any transaction of the cluster runs, newer changes
//! wait for it (requests' transactions are short).
//!
//! Records go out whole (their current state and `version`), deduplicated
//! within a page; a row that no longer exists goes out as a tombstone.

mod error;
mod feed;
mod model;
mod push;
mod records;
pub mod schema;

pub use error::SyncError;
pub use feed::{pull, DEFAULT_PULL, MAX_PULL};
pub use model::{
    Entity, Op, Outcome, PullPage, PushBody, PushChange, PushResult, PushedRecord, SyncedRecord,
};
pub use push::{push, MAX_CHANGES};

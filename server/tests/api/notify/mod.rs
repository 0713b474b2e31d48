//! The outbox and its workers.

mod outbox;
mod tenant_jobs;

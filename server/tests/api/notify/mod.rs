//! The outbox and its workers, and webhook delivery through them.

mod outbox;
mod pruning;
mod tenant_jobs;
mod webhook_delivery;
mod webhook_receiver;
mod webhook_urls;

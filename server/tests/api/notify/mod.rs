//! The outbox and its workers, and webhook delivery through them.

mod black_hole;
mod endpoint_cap;
mod fair_delivery;
mod leases;
mod outbox;
mod pruning;
mod retry_pacing;
mod tenant_jobs;
mod webhook_delivery;
mod webhook_receiver;
mod webhook_urls;

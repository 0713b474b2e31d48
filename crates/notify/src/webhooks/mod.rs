//! Webhooks: a tenant's endpoints, the events capabilities emit to them,
//! and their signed, retried delivery. A capability emits a typed event in
//! its own transaction (`emit`); the outbox delivers it once that commits,
//! through the guarded client (`crate::guarded_http`).

mod delivery;
pub mod endpoints;
mod events;
mod signing;

pub use delivery::{deliver, deliver_job};
pub use endpoints::{Endpoint, EndpointError, EventCatalog, NewEndpoint};
pub use events::{emit, jobs, subscribers, WebhookJob, KIND_WEBHOOK};
pub use signing::{sign, verify, EVENT_HEADER, SIGNATURE_HEADER};

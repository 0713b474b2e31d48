//! Webhooks: a tenant's endpoints, the events capabilities emit to them,
//! and their signed, retried delivery. A capability emits a typed event in
//! its own transaction (`emit`); the outbox delivers it once that commits.

pub mod endpoints;
mod events;
mod signing;

pub use endpoints::{Endpoint, EndpointError, EventCatalog, NewEndpoint};
pub use events::{emit, WebhookJob, KIND_WEBHOOK};
pub use signing::{deliver, http_agent, sign, EVENT_HEADER, SIGNATURE_HEADER};

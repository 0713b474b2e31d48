//! The platform's HTTP interface: the actix-web application, its middleware
//! (tenant resolution, request logs), extractors, and the JSON API's
//! handlers. Handlers are thin: extract, call one operation of a capability
//! crate, shape the answer. Everything else lives in the crates under
//! `crates/` (see ARCHITECTURE.md).

pub mod api;
pub mod extract;
pub mod health;
pub mod input_errors;
pub mod memory;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod problem;
pub mod request_meta;
pub mod startup;
pub mod state;
pub mod telemetry;

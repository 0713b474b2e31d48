//! Plumbing every capability stands on: settings, the connection pool and
//! the one door into a tenant's schema (`db::with_tenant`), the error type,
//! shared value types, table definitions, rate-limit windows, logging and
//! the pool's timings.
//! It knows nothing of tenants' business, nor of any web framework.

pub mod db;
pub mod db_enum;
pub mod error;
pub mod input;
pub mod listen;
pub mod metrics;
pub mod ratelimit;
pub mod schema;
pub mod settings;
pub mod telemetry;
pub mod values;

pub use error::{AppError, AppResult, FieldError};

/// For `text_enum!`, whose expansion describes each enum in the API
/// document from whichever crate it is used in.
#[doc(hidden)]
pub use utoipa;

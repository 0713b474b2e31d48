//! Tenancy: which tenant a request is for, and the tenant lifecycle that the
//! operator CLI drives.

pub mod admin_error;
pub mod host;
pub mod lifecycle;
pub mod middleware;
pub mod migrate;
pub mod migrations;
pub mod model;
pub mod names;
pub mod provision;
pub mod registry;

pub use admin_error::{AdminError, AdminErrorKind};
pub use model::{Tenant, TenantStatus};
pub use names::{SchemaName, TenantSlug};
pub use registry::{Resolved, TenantRegistry};

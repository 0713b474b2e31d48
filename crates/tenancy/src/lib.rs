//! Tenancy: which tenant a request is for (host -> tenant, cached), and the
//! tenant lifecycle the operator CLI drives: provisioning, per-tenant
//! migrations, suspension, deletion, domains.

pub mod admin_error;
pub mod host;
pub mod lifecycle;
pub mod migrate;
pub mod migrations;
pub mod model;
pub mod provision;
pub mod registry;
pub mod site;

pub use admin_error::{AdminError, AdminErrorKind};
pub use kernel::values::{SchemaName, TenantSlug};
pub use model::{Tenant, TenantStatus};
pub use registry::{Resolved, TenantRegistry};
pub use site::Site;

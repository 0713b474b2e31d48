//! How a tenant's site presents the business: the name it shows, a logo,
//! an accent colour, the language a visitor without a preference gets, and
//! the address and contact details. One row per tenant; anyone may read it
//! (it is what the site shows), the owner and admins change it.
//!
//! Pages read it on every request, so they go through the shared cache:
//!
//! ```ignore
//! let branding = branding::cache()
//!     .get_or_load(tenant.id, || tenant.run(&state, |conn| {
//!         branding::load(conn).map_err(BrandingError::from)
//!     }))
//!     .await?;
//! let title = branding.display_name(&tenant);
//! ```

mod cache;
mod changes;
mod colour;
mod error;
mod language;
mod logo_url;
mod model;
mod repo;

use diesel::{PgConnection, QueryResult};
use uuid::Uuid;

pub use cache::{cache, BrandingCache};
pub use changes::{BrandingChanges, BrandingPatch, MAX_ADDRESS_CHARS, MAX_DISPLAY_NAME_CHARS};
pub use colour::{AccentColour, DEFAULT_ACCENT};
pub use error::BrandingError;
pub use language::Language;
pub use logo_url::{LogoUrl, MAX_LOGO_URL_CHARS};
pub use model::{Branding, BrandingView};

/// The tenant's branding; a tenant without its row gets the defaults.
/// Runs on a tenant-bound connection (`db::with_tenant` or `tenant.run`).
pub fn load(conn: &mut PgConnection) -> QueryResult<Branding> {
    match repo::load(conn)? {
        Some(row) => Branding::from_row(row),
        None => Ok(Branding::default()),
    }
}

/// Applies a checked change and returns the branding as it now is. Its
/// last step drops the tenant's cached entry, so no caller can forget to;
/// that happens before the commit, so a caller that can act after the
/// commit (a handler) should `cache().forget(tenant_id)` once more.
pub fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    changes: &BrandingChanges,
) -> Result<Branding, BrandingError> {
    if !changes.is_empty() {
        repo::save(conn, changes)?;
    }
    let branding = load(conn)?;
    cache().forget(tenant_id);
    Ok(branding)
}

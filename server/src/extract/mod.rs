//! What handlers take from a request besides its body: the tenant the
//! middleware resolved, the signed-in user and role, the site's address
//! for links, the client's address for rate limits.

pub mod audit;
pub mod auth;
pub mod platform;
pub mod site;
pub mod tenant;

pub use audit::{accessor, Audited};
pub use auth::OptionalUser;
pub use auth::{AdminUser, OwnerUser, SignedIn, StaffUser};
pub use platform::PlatformHost;
pub use site::{ClientAddr, RequestSite};
pub use tenant::CurrentTenant;

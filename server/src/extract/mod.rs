//! What handlers take from a request besides its body: the tenant the
//! middleware resolved, the signed-in user and role, the site's address
//! for links, the client's address for rate limits.

pub mod auth;
pub mod site;
pub mod tenant;

pub use auth::{AdminUser, SignedIn, StaffUser};
pub use site::{ClientAddr, RequestSite};
pub use tenant::CurrentTenant;

//! The tenant's site as a person reached it: links in mails point back to
//! the same host (a custom domain, or the subdomain), so nobody is sent to
//! another tenant's site or to a bare slug.

use crate::model::Tenant;

#[derive(Debug, Clone)]
pub struct Site {
    pub tenant: Tenant,
    /// `scheme://host[:port]`.
    pub base_url: String,
    /// The host with its port, if any.
    pub host: String,
}

impl Site {
    /// `host` is the one the request named (already resolved to this
    /// tenant); without one, the tenant's subdomain, which always works.
    pub fn new(tenant: Tenant, host: Option<String>, scheme: &str, base_domain: &str) -> Site {
        let host = host.unwrap_or_else(|| format!("{}.{base_domain}", tenant.slug));
        Site {
            base_url: format!("{scheme}://{host}"),
            host,
            tenant,
        }
    }

    /// A link to `path` carrying a single-use token.
    pub fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.base_url)
    }
}

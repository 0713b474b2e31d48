//! The security headers every page and asset carries. The policy allows no
//! inline script or style: the accent colour comes from a style sheet
//! (`assets`), and logos may come from any https address.

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' https:; \
     style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'; object-src 'none'";

pub fn add_common(h: &mut HeaderMap) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

/// For an HTML page: the common headers, the policy, and no caching (pages
/// show free slots and carry per-visitor tokens).
pub fn add_page(h: &mut HeaderMap) {
    add_common(h);
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
}

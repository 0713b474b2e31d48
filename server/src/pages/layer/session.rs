//! Page sessions: the `session` cookie holds the refresh token of an
//! ordinary sign-in session (identity's refresh-token families), so the
//! pages share sign-in, rate limits, logout and revocation with the JSON
//! API. The cookie is HttpOnly, SameSite=Lax, Secure over https, and
//! host-only (no Domain): a browser never sends one site's cookie to
//! another, and a copied cookie is refused anyway, since the token is
//! looked up with the request's tenant.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::HttpRequest;
use identity::page_session::{self, Holder};
use identity::views::TokenPair;
use kernel::error::AppError;

use super::csrf::{self, CSRF_COOKIE};
use super::page::Page;
use crate::extract::CurrentTenant;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "session";

/// Who the request's session cookie signs in on its tenant. A cookie that
/// does not (signed out, expired, another site's) counts as none; a
/// database that cannot answer now too, with a warning: the page still
/// renders, signed out.
pub async fn resume(req: &HttpRequest, state: &AppState, tenant: &CurrentTenant) -> Option<Holder> {
    let cookie = req.cookie(SESSION_COOKIE)?;
    match page_session::resume(&state.pool, tenant, cookie.value()).await {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(tenant = %tenant.slug, error = %AppError::from(e), "page session not readable");
            None
        }
    }
}

fn build(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .finish()
}

/// The cookies of a sign-in: the new session, and a new CSRF cookie, so
/// that nothing a visitor (or someone who planted cookies for them) held
/// before signing in carries over into the signed-in session.
pub fn signed_in(p: &Page, tokens: &TokenPair) -> Vec<Cookie<'static>> {
    session_of(p, &tokens.refresh_token)
}

/// The cookies of a session whose refresh token is `refresh_token`.
pub fn session_of(p: &Page, refresh_token: &str) -> Vec<Cookie<'static>> {
    let secure = p.secure_cookies();
    vec![
        build(SESSION_COOKIE, refresh_token.to_string(), secure),
        build(CSRF_COOKIE, csrf::new_cookie_value(), secure),
    ]
}

/// The cookie that removes the session from the browser.
pub fn removal(p: &Page) -> Cookie<'static> {
    let mut c = build(SESSION_COOKIE, String::new(), p.secure_cookies());
    c.make_removal();
    c
}

/// Signs out the request's session on the server (its whole refresh-token
/// family), whatever its cookie holds; the caller removes the cookie.
pub async fn end(p: &Page, req: &HttpRequest) -> Result<(), AppError> {
    let (Some(tenant), Some(cookie)) = (p.tenant.as_ref(), req.cookie(SESSION_COOKIE)) else {
        return Ok(());
    };
    identity::session::logout(&p.state.auth(), tenant, cookie.value())
        .await
        .map_err(AppError::from)
}

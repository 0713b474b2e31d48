//! The visitor's cart, held in the `cart` cookie: the cart's id, and for a
//! guest its secret token (`<id>.<token>`). The token never travels in a
//! URL or a form; the cookie is HttpOnly, SameSite=Lax and Secure over
//! https, like the session's. A signed-in customer's cart opens by their
//! session, so their cookie holds the id only.
//!
//! A cookie naming a cart that no longer opens (checked out, merged,
//! another customer's, forged) counts as no cart: the next "Add to cart"
//! opens a new one.

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::HttpRequest;
use kernel::error::AppError;
use stores::carts::{self, CartAccess, CartError, CartStatus, CartView};
use uuid::Uuid;

use crate::pages::layer::Page;

pub const CART_COOKIE: &str = "cart";
/// A cart outlives a browser session: a visitor comes back to it.
const MAX_AGE_DAYS: i64 = 30;
/// Longer than any token the carts hand out.
const MAX_TOKEN_CHARS: usize = 128;

#[derive(Debug, Clone)]
pub struct Held {
    pub id: Uuid,
    token: Option<String>,
}

impl Held {
    /// The request's cart cookie, if it can be one of ours.
    pub fn of(req: &HttpRequest) -> Option<Held> {
        Held::parse(req.cookie(CART_COOKIE)?.value())
    }

    fn parse(raw: &str) -> Option<Held> {
        let (id, token) = match raw.split_once('.') {
            Some((id, token)) => (id, Some(token)),
            None => (raw, None),
        };
        let id = Uuid::parse_str(id).ok()?;
        let token = token
            .filter(|t| {
                !t.is_empty()
                    && t.len() <= MAX_TOKEN_CHARS
                    && t.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .map(str::to_string);
        Some(Held { id, token })
    }

    /// What opens the cart: its token, or the signed-in customer.
    pub fn access(&self, p: &Page) -> CartAccess {
        CartAccess::new(self.token.as_deref(), customer_id(p))
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }
}

/// The signed-in customer (staff shop as guests, with a token).
pub fn customer_id(p: &Page) -> Option<Uuid> {
    p.customer().map(|h| h.account.id())
}

/// The cookie that holds cart `id` (and a guest's `token`).
pub fn keep(p: &Page, id: Uuid, token: Option<&str>) -> Cookie<'static> {
    let value = match token {
        Some(token) => format!("{id}.{token}"),
        None => id.to_string(),
    };
    Cookie::build(CART_COOKIE, value)
        .path("/")
        .max_age(time::Duration::days(MAX_AGE_DAYS))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(p.secure_cookies())
        .finish()
}

/// The cookie that removes the cart from the browser.
pub fn forget(p: &Page) -> Cookie<'static> {
    let mut c = Cookie::build(CART_COOKIE, "")
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(p.secure_cookies())
        .finish();
    c.make_removal();
    c
}

/// Whether an error says the held cart is gone for good (not a failure).
pub fn is_gone(e: &CartError) -> bool {
    matches!(
        e,
        CartError::NotFound | CartError::CheckedOut | CartError::Merged
    )
}

/// The open cart the request holds, as it now is; None when it holds none
/// (or one that no longer opens).
pub async fn load(req: &HttpRequest, p: &Page) -> Result<Option<CartView>, AppError> {
    let (Some(tenant), Some(held)) = (p.tenant.as_ref(), Held::of(req)) else {
        return Ok(None);
    };
    let access = held.access(p);
    let id = held.id;
    match tenant
        .run(&p.state, move |conn| carts::view(conn, id, &access))
        .await
    {
        Ok(cart) if cart.status == CartStatus::Open => Ok(Some(cart)),
        Ok(_) => Ok(None),
        Err(e) if is_gone(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The units in the request's cart, for the header's cart link; a cart
/// that cannot be read now shows no link, with a warning.
pub async fn badge(req: &HttpRequest, p: &Page) -> Option<i64> {
    match load(req, p).await {
        Ok(cart) => cart.map(|c| c.item_count),
        Err(e) => {
            tracing::warn!(error = %e, "cart not readable for the header");
            None
        }
    }
}

impl Page {
    /// The header's cart link, when the visitor holds a cart.
    pub fn cart_link(&self) -> Option<String> {
        self.cart_items
            .map(|n| self.t1("shop-cart-link", "count", self.fmt.number(n)))
    }
}

#[cfg(test)]
#[path = "held_test.rs"]
mod tests;

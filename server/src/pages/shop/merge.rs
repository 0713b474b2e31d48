//! At a customer's sign-in on the pages, the cart they filled as a guest
//! goes into their own (`merge_guest_cart`, the API's merge): the guest's
//! token is forgotten, and the cookie holds the customer's cart from then
//! on. Staff keep their guest cart: they shop as guests.

use actix_web::cookie::Cookie;
use actix_web::HttpRequest;
use identity::page_session;
use identity::Role;
use stores::carts;

use super::held::{self, Held};
use crate::pages::layer::Page;

/// The cart cookie after a sign-in whose session's refresh token is
/// `refresh_token`: none when nothing changes. A merge that fails for a
/// reason other than the cart being gone keeps the guest's cookie (a later
/// sign-in merges it) and never stops the sign-in.
pub async fn at_sign_in(p: &Page, req: &HttpRequest, refresh_token: &str) -> Vec<Cookie<'static>> {
    let (Some(tenant), Some(guest)) = (p.tenant.as_ref(), Held::of(req)) else {
        return Vec::new();
    };
    let Some(token) = guest.token().map(str::to_string) else {
        return Vec::new();
    };
    let holder = match page_session::resume(&p.state.pool, tenant, refresh_token).await {
        Ok(Some(h)) if h.role == Role::Customer => h,
        Ok(_) => return Vec::new(),
        Err(e) => {
            tracing::warn!(error = %kernel::error::AppError::from(e), "the new session is not readable; the cart is not merged");
            return Vec::new();
        }
    };
    let customer = holder.account.id();
    let id = guest.id;
    let merged = tenant
        .run(&p.state, move |conn| {
            carts::merge_guest_cart(conn, id, &token, customer)
        })
        .await;
    match merged {
        Ok(cart) => vec![held::keep(p, cart.id, None)],
        Err(e) if held::is_gone(&e) => vec![held::forget(p)],
        Err(e) => {
            tracing::warn!(error = %kernel::error::AppError::from(e), "the guest cart was not merged at sign-in");
            Vec::new()
        }
    }
}

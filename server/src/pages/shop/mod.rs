//! The shop on a tenant's public site: its part of the home page, the
//! product lists (all, a category, a search), a product with its variant
//! picker, the cart, the checkout, an order's page that follows its status
//! live, and the customer's orders on /account. Every page calls the
//! `stores` operations the JSON API calls, in the tenant's transaction, and
//! works without JavaScript: forms post, filters are GET forms.

mod account;
mod cards;
mod cart;
mod checkout;
mod checkout_form;
mod events;
mod filters;
pub mod held;
pub mod home;
pub mod home_cache;
mod listing;
pub mod merge;
mod order;
mod order_view;
mod prescription;
mod product;
mod query;

use actix_web::web;
use kernel::error::AppError;
use stores::catalog::Locale;
use uuid::Uuid;

pub use account::{orders_of, OrderRow};

use super::layer::{Page, PageError};

/// The language catalog names are shown in: the page's.
fn locale(p: &Page) -> Option<Locale> {
    Locale::from_tag(p.code())
}

/// A path segment that is not an id names nothing: the 404 page, as for
/// an id that names nothing.
fn id_or_404(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw)
        .map_err(|_| p.fail(AppError::not_found("not_found", "There is no such page.")))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/shop", web::get().to(listing::all))
        .route("/shop/search", web::get().to(listing::search))
        .route("/shop/c/{category_id}", web::get().to(listing::category))
        .route("/shop/p/{product_id}", web::get().to(product::show))
        .route("/shop/cart", web::get().to(cart::show))
        .route("/shop/cart/items", web::post().to(cart::add))
        .route(
            "/shop/cart/items/{variant_id}",
            web::post().to(cart::change),
        )
        .route(
            "/shop/cart/items/{variant_id}/remove",
            web::post().to(cart::remove),
        )
        .route("/shop/checkout", web::get().to(checkout::show))
        .route("/shop/checkout", web::post().to(checkout::submit))
        .route("/shop/orders/{order_id}", web::get().to(order::show))
        .route(
            "/shop/orders/{order_id}/events",
            web::get().to(events::follow),
        )
        .route(
            "/shop/orders/{order_id}/prescription",
            web::post().to(prescription::upload),
        )
        // The order mails link /orders/{id}: the order's page is here.
        .route("/orders/{order_id}", web::get().to(order::moved));
}

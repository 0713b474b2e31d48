//! The web pages, rendered on the server: a tenant's public site (`site`)
//! and the platform's own page (`platform`), on the shared `layer`.
//!
//! A later group of pages (the back office, customer accounts) is a folder
//! beside `site/`: its handlers take a `Page` (language, formats, CSRF,
//! errors as pages), render askama templates that extend
//! `templates/base.html`, keep their messages in `locales/*/site.ftl`, run
//! operations through `CurrentTenant::run` exactly as the JSON API does,
//! and add their routes in `routes` below.

use actix_web::middleware::Compress;
use actix_web::web;

pub mod account;
pub mod admin;
pub mod layer;
pub mod platform;
pub mod shop;
pub mod site;

pub use layer::error::wants_page;

/// Paths answered on any host, known or not: the embedded assets.
pub fn is_host_independent(path: &str) -> bool {
    layer::assets::is_asset(path)
}

/// The pages and their assets, compressed; anything else a browser asks
/// for that nothing answers gets the 404 page. Mounted after the API, so it
/// never takes an API path.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("")
            .wrap(Compress::default())
            .route("/assets/{name}", web::get().to(layer::assets::serve))
            .configure(site::routes)
            .configure(account::routes)
            .configure(admin::routes)
            .configure(platform::routes)
            .configure(shop::routes)
            .default_service(web::to(layer::error::not_found)),
    );
}

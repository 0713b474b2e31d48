//! /admin/shop/products: the list (search, category, on sale or all), a
//! product's form (new in two steps: its category first, since the
//! attributes it may carry follow the category), its variants with their
//! stock, and deletion.

mod attrs;
mod form;
mod list;
mod page;
mod typed;
mod variant;
mod variant_typed;
mod variants;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/shop/products", web::get().to(list::show))
        .route("/admin/shop/products", web::post().to(form::create))
        .route("/admin/shop/products/new", web::get().to(form::new_form))
        .route("/admin/shop/products/{id}", web::get().to(form::edit))
        .route("/admin/shop/products/{id}", web::post().to(form::update))
        .route(
            "/admin/shop/products/{id}/delete",
            web::post().to(form::delete),
        )
        .route(
            "/admin/shop/products/{id}/variants",
            web::post().to(variants::create),
        )
        .route(
            "/admin/shop/products/{id}/variants/{variant}",
            web::get().to(variant::edit),
        )
        .route(
            "/admin/shop/products/{id}/variants/{variant}",
            web::post().to(variant::update),
        )
        .route(
            "/admin/shop/products/{id}/variants/{variant}/stock",
            web::post().to(variants::stock),
        )
        .route(
            "/admin/shop/products/{id}/variants/{variant}/delete",
            web::post().to(variant::delete),
        );
}

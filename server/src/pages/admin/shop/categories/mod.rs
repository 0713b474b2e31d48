//! /admin/shop/categories: the tree (an indented list) with the form to
//! add a category, a category's page (rename, translate, move under
//! another parent, delete) with its attributes, and an attribute's page.
//! The catalog refuses a move into the category's own branch and the
//! deletion of a category still in use; the page says so.

mod attribute;
mod attribute_typed;
mod attributes;
mod list;
mod page;
mod show;
mod typed;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/shop/categories", web::get().to(list::show))
        .route("/admin/shop/categories", web::post().to(list::create))
        .route("/admin/shop/categories/{id}", web::get().to(show::show))
        .route("/admin/shop/categories/{id}", web::post().to(show::update))
        .route(
            "/admin/shop/categories/{id}/delete",
            web::post().to(show::delete),
        )
        .route(
            "/admin/shop/categories/{id}/attributes",
            web::post().to(attributes::create),
        )
        .route(
            "/admin/shop/categories/{id}/attributes/{code}",
            web::get().to(attribute::edit),
        )
        .route(
            "/admin/shop/categories/{id}/attributes/{code}",
            web::post().to(attribute::update),
        )
        .route(
            "/admin/shop/categories/{id}/attributes/{code}/delete",
            web::post().to(attribute::delete),
        );
}

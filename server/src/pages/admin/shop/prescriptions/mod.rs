//! /admin/shop/prescriptions: the uploads staff review (those waiting
//! first, or all, approved, rejected), each with its order's number, its
//! file (downloaded through the page's own route, staff only, as an
//! attachment), and approve / reject with a note.

mod file;
mod list;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/shop/prescriptions", web::get().to(list::show))
        .route(
            "/admin/shop/prescriptions/{id}/file",
            web::get().to(file::download),
        )
        .route(
            "/admin/shop/prescriptions/{id}/review",
            web::post().to(list::review),
        );
}

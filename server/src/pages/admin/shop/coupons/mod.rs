//! /admin/shop/coupons: the shop's discount codes, a form to add one (a
//! percentage or an amount off, dates, limits), to change one (its code
//! and discount stay: another discount is another coupon), and deletion
//! (a coupon orders used is switched off instead, as the API does).

mod form;
mod list;
mod typed;

use actix_web::web;
use stores::coupons::Coupon;

use crate::pages::layer::Page;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/shop/coupons", web::get().to(list::show))
        .route("/admin/shop/coupons", web::post().to(form::create))
        .route("/admin/shop/coupons/new", web::get().to(form::new_form))
        .route("/admin/shop/coupons/{id}", web::get().to(form::edit))
        .route("/admin/shop/coupons/{id}", web::post().to(form::update))
        .route(
            "/admin/shop/coupons/{id}/delete",
            web::post().to(form::delete),
        );
}

/// What the coupon takes off, in the page's words: `10 %`, `5.00 EUR`.
fn discount(p: &Page, c: &Coupon, currency: &str) -> String {
    match (c.percent_off, c.amount_off_cents) {
        (Some(percent), _) => p.t1(
            "admin-shop-coupon-percent",
            "percent",
            p.fmt.number(i64::from(percent)),
        ),
        (None, Some(cents)) => p.fmt.price(cents, currency),
        (None, None) => String::new(),
    }
}

//! /admin/shop/orders: the list (filters, cursor pages), one order with
//! its lines, buyer, payment, history and prescription, the status moves
//! its current status allows, and its invoice once paid.

mod invoice;
mod list;
mod show;

use actix_web::web;
use stores::orders::OrderStatus;

use crate::pages::layer::Page;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/shop/orders", web::get().to(list::show))
        .route("/admin/shop/orders/{id}", web::get().to(show::show))
        .route(
            "/admin/shop/orders/{id}/status",
            web::post().to(show::move_to),
        )
        .route(
            "/admin/shop/orders/{id}/invoice.pdf",
            web::get().to(invoice::pdf),
        );
}

/// A status in the page's words.
fn status_label(p: &Page, status: OrderStatus) -> String {
    p.t(&format!("admin-shop-status-{}", status.as_str()))
}

/// A prescription's state (`awaiting_upload`, `pending_review`,
/// `approved`, `rejected`) in the page's words.
fn rx_label(p: &Page, state: &str) -> String {
    match state {
        "awaiting_upload" | "pending_review" | "approved" | "rejected" => {
            p.t(&format!("admin-shop-rx-{state}"))
        }
        other => other.to_string(),
    }
}

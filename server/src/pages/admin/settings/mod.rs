//! /admin/settings, /admin/branding and /admin/webhooks: the site's
//! booking settings, its look, and where its events go (owner and admins;
//! the role is checked on every request, GET and POST).

mod booking;
mod branding;
mod webhooks;

use actix_web::web;

use crate::pages::layer::{Feedback, Page};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/settings", web::get().to(booking::show))
        .route("/admin/settings", web::post().to(booking::save))
        .route("/admin/branding", web::get().to(branding::show))
        .route("/admin/branding", web::post().to(branding::save))
        .route("/admin/webhooks", web::get().to(webhooks::show))
        .route("/admin/webhooks", web::post().to(webhooks::create))
        .route(
            "/admin/webhooks/{id}/delete",
            web::post().to(webhooks::delete),
        );
}

/// One input as a form shows it: its value and, when the operation
/// refused it, the message beside it.
pub struct Input {
    pub value: String,
    pub error: Option<String>,
}

impl Input {
    /// The message comes from this area's own key
    /// (`admin-settings-error-<field>`), not the shared `field-error-*`
    /// ones, so two areas with a field of the same name (a phone, a URL)
    /// never define one key twice.
    pub fn of(p: &Page, fb: &Feedback, field: &str, value: String) -> Input {
        Input {
            value,
            error: fb
                .invalid(field)
                .then(|| p.t(&format!("admin-settings-error-{field}"))),
        }
    }
}

/// `?saved=1` after a 303: the form with a "saved" notice.
fn saved(req: &actix_web::HttpRequest) -> bool {
    req.query_string().split('&').any(|pair| pair == "saved=1")
}

fn after_save(p: &Page, req: &actix_web::HttpRequest) -> Feedback {
    if saved(req) {
        Feedback::done(p.t("admin-saved"))
    } else {
        Feedback::default()
    }
}

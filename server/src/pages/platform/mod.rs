//! The platform's own host (BASE_DOMAIN): a short page naming the platform,
//! and sign-up.

use actix_web::web;
use askama::Template;

use super::layer::{Page, PageResult};

pub mod signup;

#[derive(Template)]
#[template(path = "platform/landing.html")]
struct Landing<'a> {
    p: &'a Page,
}

pub async fn landing(p: Page) -> PageResult {
    p.render(&Landing { p: &p })
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/signup", web::get().to(signup::form))
        .route("/signup", web::post().to(signup::submit));
}

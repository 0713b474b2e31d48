//! The platform's own host (BASE_DOMAIN): a short page naming the platform.
//! Sign-up comes with billing.

use askama::Template;

use super::layer::{Page, PageResult};

#[derive(Template)]
#[template(path = "platform/landing.html")]
struct Landing<'a> {
    p: &'a Page,
}

pub async fn landing(p: Page) -> PageResult {
    p.render(&Landing { p: &p })
}

//! A tenant's public site: home, booking, confirmation, the manage link.

use actix_web::{web, HttpRequest};

use super::layer::{Page, PageResult};
use crate::extract::CurrentTenant;

pub mod book;
pub mod home;
pub mod manage;

/// `/` is the business's home on a tenant's host and the platform's page
/// on the platform's own.
pub async fn root(req: HttpRequest, p: Page) -> PageResult {
    match CurrentTenant::extract_now(&req) {
        Ok(tenant) => home::show(p, tenant).await,
        Err(_) => super::platform::landing(p).await,
    }
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(root))
        .route("/book/{service_id}", web::get().to(book::show))
        .route("/book/{service_id}", web::post().to(book::submit))
        .route("/booking/{token}", web::get().to(manage::show))
        .route(
            "/booking/{token}/confirmed",
            web::get().to(manage::confirmed),
        )
        .route(
            "/booking/{token}/calendar.ics",
            web::get().to(manage::download),
        )
        .route("/booking/{token}/cancel", web::post().to(manage::cancel))
        .route(
            "/booking/{token}/reschedule",
            web::get().to(manage::reschedule::show),
        )
        .route(
            "/booking/{token}/reschedule",
            web::post().to(manage::reschedule::submit),
        );
}

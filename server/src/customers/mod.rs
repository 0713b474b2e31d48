//! A tenant's customers: the people a business serves. Staff list, search,
//! create, edit and soft-delete them, and can export or erase one person's
//! data on request.

pub mod cursor;
pub mod export;
mod handlers;
pub mod links;
pub mod listing;
pub mod model;
pub mod repo;

use actix_web::web;

use crate::error::AppError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/customers")
            .route(web::get().to(handlers::list))
            .route(web::post().to(handlers::create))
            .default_service(web::to(method_not_allowed)),
    )
    .service(
        web::resource("/customers/{id}")
            .route(web::get().to(handlers::get))
            .route(web::patch().to(handlers::update))
            .route(web::delete().to(handlers::delete))
            .default_service(web::to(method_not_allowed)),
    )
    .service(
        web::resource("/customers/{id}/export")
            .route(web::get().to(handlers::export))
            .default_service(web::to(method_not_allowed)),
    )
    .service(
        web::resource("/customers/{id}/erase")
            .route(web::post().to(handlers::erase))
            .default_service(web::to(method_not_allowed)),
    );
}

/// Without this a wrong method gets actix's empty 405 instead of a problem.
async fn method_not_allowed() -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::new(
        actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "This endpoint does not accept that HTTP method.",
    ))
}

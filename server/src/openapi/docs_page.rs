//! /api/docs: Swagger UI over the API document. Its files come from the
//! utoipa-swagger-ui crate's vendored copy, compiled into the binary, so the
//! page loads nothing from anywhere but this server.

use std::sync::Arc;

use actix_web::http::header::{CACHE_CONTROL, LOCATION};
use actix_web::{web, HttpResponse};
use utoipa_swagger_ui::Config;

use super::routes::not_allowed;
use super::{DOCS_PATH, DOCUMENT_PATH};
use crate::input_errors::route_not_found;
use crate::problem::ApiResult;

struct DocsConfig(Arc<Config<'static>>);

fn config() -> Config<'static> {
    // "none" keeps Swagger UI from asking an outside validator about the
    // document; persisting the token spares re-typing it on each reload.
    Config::new([DOCUMENT_PATH])
        .validator_url("none")
        .persist_authorization(true)
}

/// The page wants a trailing slash: its files are named relative to it.
async fn to_index() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((LOCATION, format!("{DOCS_PATH}/")))
        .finish()
}

async fn file(tail: web::Path<String>, ui: web::Data<DocsConfig>) -> ApiResult<HttpResponse> {
    let found = utoipa_swagger_ui::serve(&tail, ui.0.clone())
        .map_err(|e| kernel::AppError::internal(format!("Swagger UI: {e}")))?;
    let Some(file) = found else {
        return route_not_found().await;
    };
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(file.bytes.into_owned()))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource(DOCS_PATH)
            .route(web::get().to(to_index))
            .default_service(web::to(|| not_allowed("GET".into()))),
    )
    .service(
        web::resource(format!("{DOCS_PATH}/{{tail:.*}}"))
            .app_data(web::Data::new(DocsConfig(Arc::new(config()))))
            .route(web::get().to(file))
            .default_service(web::to(|| not_allowed("GET".into()))),
    );
}

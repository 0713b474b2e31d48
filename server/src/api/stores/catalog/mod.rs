//! /categories, /products, /variants: the shop's catalog. Anyone reads
//! what is on sale (no token, and no work beyond one or two statements);
//! the shop's staff change it. Each handler reads the request, runs one
//! `stores::catalog` operation in the tenant's transaction and shapes the
//! answer; `CatalogError` becomes problem+json through `AppError::from`.

use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::HttpRequest;
use serde::Deserialize;
use stores::catalog::{CatalogError, Locale, Missing};
use uuid::Uuid;

use crate::openapi::ApiRoutes;

mod attributes;
mod categories;
mod products;
mod variants;

pub fn routes(api: &mut ApiRoutes) {
    api.mount(categories::routes)
        .mount(attributes::routes)
        .mount(products::routes)
        .mount(variants::routes);
}

/// The language a read answers in: `?lang=`, else the Accept-Language
/// header's; None (the names as written) when neither names one the
/// platform speaks.
fn language(req: &HttpRequest, param: Option<&str>) -> Option<Locale> {
    param.and_then(Locale::from_tag).or_else(|| {
        req.headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
    })
}

/// A path segment that is not an id names nothing: the same 404 as an
/// unknown id.
fn id_of(raw: &str, missing: Missing) -> Result<Uuid, CatalogError> {
    Uuid::parse_str(raw).map_err(|_| CatalogError::NotFound(missing))
}

/// `?lang=` of the category reads.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct LangQuery {
    /// The language of `display_name` (en, fr, ar, fa); else the
    /// Accept-Language header's.
    #[param(max_length = 35)]
    lang: Option<String>,
}

/// `?lang=&include_inactive=` of the product reads.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct ReadQuery {
    /// The language of `display_name` (en, fr, ar, fa); else the
    /// Accept-Language header's.
    #[param(max_length = 35)]
    lang: Option<String>,
    /// `true` with a staff token: products and variants not on sale are
    /// shown too.
    include_inactive: Option<bool>,
}

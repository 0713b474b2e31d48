//! The API's contract: an OpenAPI 3.1 document built from the handlers'
//! `#[utoipa::path]` annotations and the body types' `ToSchema`, served at
//! /api/v1/openapi.json, and a Swagger UI page at /api/docs whose assets are
//! compiled into the binary. Both answer on any host: the document is the
//! same for every tenant. `GET /metrics` is not in it: it is the
//! operator's, served on a listener of its own (`crate::metrics`), never
//! part of the public API.
//!
//! A handler is documented and routed in one step:
//!
//! ```ignore
//! #[utoipa::path(get, path = "/customers/{id}", tag = "customers",
//!     params(("id" = Uuid, Path, description = "The customer's id")),
//!     security(("bearer" = ["staff"])),
//!     responses((status = 200, description = "The customer", body = Customer), GetProblems))]
//! async fn get(...) -> ApiResult<HttpResponse> { ... }
//!
//! pub fn routes(api: &mut ApiRoutes) {
//!     api.add(__path_get, get);
//! }
//! ```

mod access;
mod docs_page;
mod params;
pub mod problems;
mod routes;

use actix_web::{web, HttpResponse};
use notify::webhooks::EventCatalog;
use utoipa::openapi::OpenApi as Document;
use utoipa::OpenApi;

pub use routes::{ApiRoutes, Documented, Mount, Undocumented};

/// Where the JSON API is mounted; documented paths carry it.
pub const API_PREFIX: &str = "/api/v1";
pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";
pub const DOCS_PATH: &str = "/api/docs";

/// The security scheme's name, as operations cite it.
pub const BEARER: &str = "bearer";
use access::BearerScheme;
pub use access::{ADMIN, ANY_ROLE, STAFF};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Platform API",
        version = "1",
        description = "The JSON API of a tenant's site. Call it on the tenant's host \
(`<slug>.<base domain>` or one of its custom domains): the host names the tenant. \
Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`; \
each response lists the codes it can carry. A method a path does not serve answers \
405 `method_not_allowed`, an unknown path 404 `route_not_found`."
    ),
    components(schemas(kernel::error::Problem, kernel::error::FieldError)),
    tags(
        (name = "auth", description = "Signing in and staying signed in, registration, password reset."),
        (name = "auth", description = "Signing up, in and out: the site's staff (platform accounts with a role here) and its customers (accounts of this site only)."),
        (name = "customers", description = "A tenant's customers: staff only."),
        (name = "services", description = "What can be booked, and when."),
        (name = "staff", description = "The people who take bookings, and their hours."),
        (name = "bookings", description = "Booking, the customer's manage link, the staff calendar."),
        (name = "settings", description = "The tenant's booking rules."),
        (name = "branding", description = "How the tenant's site presents the business: anyone reads, owner and admins change."),
        (name = "webhooks", description = "Where the tenant's events are delivered: owner and admins."),
        (name = "billing", description = "The tenant's plan, subscription, payments and invoices: owner and admins; the provider's webhook on the platform's host."),
        (name = "signup", description = "A new business signs up on the platform's host: its site, owner and trial in one step."),
        (name = "catalog", description = "The shop's categories, attributes, products and variants: anyone reads, staff change."),
        (name = "carts", description = "Carts of guests (with their cart token) and customers, and checkout."),
        (name = "coupons", description = "The shop's discount codes: staff."),
        (name = "orders", description = "Orders: customers see their own (or hold the tracking token), staff see and move all."),
        (name = "payments", description = "The shop's payment provider: owner and admins set it; the provider's webhook."),
        (name = "clinic", description = "Patients and their records: staff of the clinic."),
    ),
    modifiers(&BearerScheme)
)]
struct ApiBase;

/// The whole document: the base above and every documented route.
pub fn document() -> Document {
    let mut routes = ApiRoutes::default();
    crate::api::routes(&mut routes);
    let (paths, schemas) = routes.into_parts();
    let mut doc = ApiBase::openapi();
    doc.paths.merge(paths);
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in schemas {
        components.schemas.entry(name).or_insert(schema);
    }
    doc
}

/// Names that two different schemas go by. utoipa names a schema after
/// its type (or its `schema(as = ...)`), and the document keeps one schema
/// a name: two types of one name in two capabilities would have one of
/// them documented as the other.
pub fn schema_clashes() -> Vec<String> {
    let mut routes = ApiRoutes::default();
    crate::api::routes(&mut routes);
    let (_, schemas) = routes.into_parts();
    let mut seen: std::collections::BTreeMap<String, serde_json::Value> = Default::default();
    let mut clashes = std::collections::BTreeSet::new();
    for (name, schema) in schemas {
        let value = serde_json::to_value(&schema).unwrap_or_default();
        match seen.get(&name) {
            Some(first) if *first != value => {
                clashes.insert(name);
            }
            Some(_) => {}
            None => {
                seen.insert(name, value);
            }
        }
    }
    clashes.into_iter().collect()
}

/// The API's routes for actix, under `API_PREFIX`.
pub fn api_routes(cfg: &mut web::ServiceConfig) {
    let mut routes = ApiRoutes::default();
    crate::api::routes(&mut routes);
    routes.configure(cfg);
}

/// The document as served, serialised once at start-up.
pub struct ServedDocument(web::Bytes);

impl ServedDocument {
    /// `events` is the catalog this server was started with: the event
    /// names a webhook endpoint may subscribe to.
    pub fn build(events: &EventCatalog) -> anyhow::Result<Self> {
        let mut doc = serde_json::to_value(document())?;
        let names = serde_json::to_value(events.names())?;
        if let Some(items) =
            doc.pointer_mut("/components/schemas/WebhookEndpointBody/properties/events/items")
        {
            items["enum"] = names;
        }
        Ok(ServedDocument(serde_json::to_vec(&doc)?.into()))
    }
}

async fn openapi_json(doc: web::Data<ServedDocument>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(doc.0.clone())
}

/// Paths answered without a tenant (the tenant middleware lets them by).
pub fn serves(path: &str) -> bool {
    path == DOCUMENT_PATH || path == DOCS_PATH || path.starts_with("/api/docs/")
}

/// The document and the docs page; register before the API's scope.
pub fn routes(cfg: &mut web::ServiceConfig, doc: web::Data<ServedDocument>) {
    cfg.service(
        web::resource(DOCUMENT_PATH)
            .app_data(doc)
            .route(web::get().to(openapi_json))
            .default_service(web::to(|| routes::not_allowed("GET".into()))),
    );
    docs_page::routes(cfg);
}

#[cfg(test)]
#[path = "document_test.rs"]
mod tests;

//! `ApiRoutes`: where the JSON API's routes are registered, and where the
//! API document's paths come from. A handler carries its method and path in
//! its `#[utoipa::path]` and is registered by that very annotation
//! (`api.add(__path_list, list)`), so a route cannot exist without its
//! description, nor a description without its route.

use actix_web::dev::Handler;
use actix_web::http::header::{HeaderValue, ALLOW};
use actix_web::http::Method;
use actix_web::{web, FromRequest, HttpResponse, Responder, ResponseError, Route};
use utoipa::openapi::path::{HttpMethod, Paths};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

use super::{access, params, problems};
use crate::input_errors::{self, method_not_allowed};

type Configure = Box<dyn FnOnce(&mut web::ServiceConfig)>;

/// One path's routes, and its methods for the `Allow` of a 405.
struct Resource {
    path: String,
    routes: Vec<Route>,
    methods: Vec<Method>,
    /// A body limit of its own, above the server-wide one.
    body_limit: Option<usize>,
}

enum Entry {
    /// Documented routes sharing one path (`ApiRoutes::resources[i]`).
    Resource(usize),
    /// Routes registered straight with actix: served, not documented.
    Plain(Configure),
}

/// The routes of /api/v1 and their description, gathered in the order they
/// are added (actix tries them in that order).
#[derive(Default)]
pub struct ApiRoutes {
    entries: Vec<Entry>,
    resources: Vec<Resource>,
    paths: Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
}

/// What `ApiRoutes::mount` accepts: a module's `routes` function, taking
/// either `&mut ApiRoutes` (documented) or `&mut web::ServiceConfig`
/// (served only, until its handlers carry `#[utoipa::path]`).
pub trait Mount<Kind> {
    fn mount_on(self, api: &mut ApiRoutes);
}

/// Marks `Mount` for functions of `&mut ApiRoutes`.
pub struct Documented;
/// Marks `Mount` for functions of `&mut web::ServiceConfig`.
pub struct Undocumented;

impl<F: FnOnce(&mut ApiRoutes)> Mount<Documented> for F {
    fn mount_on(self, api: &mut ApiRoutes) {
        self(api)
    }
}

impl<F: FnOnce(&mut web::ServiceConfig) + 'static> Mount<Undocumented> for F {
    fn mount_on(self, api: &mut ApiRoutes) {
        api.entries.push(Entry::Plain(Box::new(self)));
    }
}

/// `GET, POST`: the methods a path serves, for `Allow`.
pub fn allow_list(methods: &[Method]) -> String {
    let names: Vec<&str> = methods.iter().map(Method::as_str).collect();
    names.join(", ")
}

/// The 405 problem, with the `Allow` header RFC 9110 asks of it.
pub async fn not_allowed(allow: String) -> HttpResponse {
    let mut answer = match method_not_allowed().await {
        Ok(answer) => answer,
        Err(problem) => problem.error_response(),
    };
    if let Ok(value) = HeaderValue::from_str(&allow) {
        answer.headers_mut().insert(ALLOW, value);
    }
    answer
}

fn actix_method(m: &HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::GET,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Post => Method::POST,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Trace => Method::TRACE,
    }
}

impl ApiRoutes {
    /// Registers `handler` at the method(s) and path of its
    /// `#[utoipa::path]` (the `__path_<handler>` value the macro makes), and
    /// adds that operation, with the problem answers every route shares, to
    /// the document.
    pub fn add<P, F, Args>(&mut self, _described_by: P, handler: F) -> &mut Self
    where
        // SchemaReferences is how the macro's value names the schemas its
        // bodies use (utoipa's own route collectors read it the same way).
        P: utoipa::Path + utoipa::__dev::SchemaReferences,
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let path = P::path();
        let methods = P::methods();
        let resource = self.resource(&path);
        for m in methods.iter().map(actix_method) {
            resource
                .routes
                .push(web::method(m.clone()).to(handler.clone()));
            resource.methods.push(m);
        }
        let mut operation = P::operation();
        access::describe(&mut operation);
        params::tidy(&mut operation);
        problems::complete(&mut operation);
        let writes = methods.iter().any(|m| {
            !matches!(
                m,
                utoipa::openapi::HttpMethod::Get
                    | utoipa::openapi::HttpMethod::Head
                    | utoipa::openapi::HttpMethod::Options
            )
        });
        if writes {
            problems::read_only(&mut operation, &path);
        }
        self.paths
            .add_path_operation(format!("{}{path}", super::API_PREFIX), methods, operation);
        P::schemas(&mut self.schemas);
        self
    }

    /// Adds a module's routes (see `Mount`).
    /// Lets the path of `described_by` take bodies up to `bytes`, for the
    /// few routes whose bodies are batches (the server-wide limit, 64 KiB
    /// by default, suits everything else).
    pub fn body_limit<P: utoipa::Path>(&mut self, _described_by: P, bytes: usize) -> &mut Self {
        self.resource(&P::path()).body_limit = Some(bytes);
        self
    }

    pub fn mount<Kind>(&mut self, routes: impl Mount<Kind>) -> &mut Self {
        routes.mount_on(self);
        self
    }

    fn resource(&mut self, path: &str) -> &mut Resource {
        let at = match self.resources.iter().position(|r| r.path == path) {
            Some(at) => at,
            None => {
                self.resources.push(Resource {
                    path: path.to_string(),
                    routes: Vec::new(),
                    methods: Vec::new(),
                    body_limit: None,
                });
                self.entries.push(Entry::Resource(self.resources.len() - 1));
                self.resources.len() - 1
            }
        };
        &mut self.resources[at]
    }

    /// Hands the routes to actix. A method a path does not serve gets a
    /// 405 problem naming those it does.
    pub fn configure(self, cfg: &mut web::ServiceConfig) {
        let mut resources: Vec<Option<Resource>> = self.resources.into_iter().map(Some).collect();
        for entry in self.entries {
            match entry {
                Entry::Resource(i) => {
                    let Some(r) = resources.get_mut(i).and_then(Option::take) else {
                        continue;
                    };
                    let allow = allow_list(&r.methods);
                    let mut resource = web::resource(r.path);
                    if let Some(bytes) = r.body_limit {
                        resource = resource
                            .app_data(input_errors::json_config(bytes))
                            .app_data(web::PayloadConfig::new(bytes));
                    }
                    let resource = r
                        .routes
                        .into_iter()
                        .fold(resource, |res, route| res.route(route))
                        .default_service(web::to(move || not_allowed(allow.clone())));
                    cfg.service(resource);
                }
                Entry::Plain(configure) => configure(cfg),
            }
        }
    }

    /// The documented paths and the schemas they name.
    pub fn into_parts(self) -> (Paths, Vec<(String, RefOr<Schema>)>) {
        (self.paths, self.schemas)
    }
}

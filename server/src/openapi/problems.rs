//! Problem answers in the API document. Each documented status lists the
//! stable `code`s it can carry, twice: as the enum of `code` in its schema
//! (so a fuzzer holds the server to it) and as `x-problem-codes` (for
//! people and client generators). An operation declares its own codes with
//! `problems!`; the ones every route shares (the host, the token, the body,
//! the platform) are added from what the operation says it takes.

use std::collections::BTreeMap;

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::header::Header;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Type};
use utoipa::openapi::{Content, Ref, RefOr};

use super::access::{bearer, Bearer, ANY_ROLE};

pub const PROBLEM_JSON: &str = "application/problem+json";
const CODES_KEY: &str = "x-problem-codes";

/// Declares a type listing an operation's own problem answers, for the
/// `responses(...)` of its `#[utoipa::path]`:
///
/// `problems!(GetProblems { 404 => [customer_not_found] });`
macro_rules! problems {
    ($(#[$meta:meta])* $name:ident { $($status:literal => [$($code:ident),+ $(,)?]),+ $(,)? }) => {
        $(#[$meta])*
        pub struct $name;

        impl ::utoipa::IntoResponses for $name {
            fn responses() -> ::std::collections::BTreeMap<
                String,
                ::utoipa::openapi::RefOr<::utoipa::openapi::response::Response>,
            > {
                $crate::openapi::problems::answers(&[$(($status, &[$(stringify!($code)),+])),+])
            }
        }
    };
}
pub(crate) use problems;

/// One response per status, each listing its codes.
pub fn answers(table: &[(u16, &[&str])]) -> BTreeMap<String, RefOr<Response>> {
    let mut out = BTreeMap::new();
    for (status, codes) in table {
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        out.insert(status.to_string(), RefOr::T(answer(*status, codes)));
    }
    out
}

fn answer(status: u16, mut codes: Vec<String>) -> Response {
    codes.sort();
    codes.dedup();
    let listed: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
    let schema = AllOfBuilder::new()
        .item(Ref::from_schema_name("Problem"))
        .item(
            ObjectBuilder::new()
                .property(
                    "code",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some(codes.clone())),
                )
                .property(
                    "status",
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .enum_values(Some([status])),
                ),
        );
    let mut response = Response::new(format!(
        "A problem; `code` is one of {}.",
        listed.join(", ")
    ));
    response
        .content
        .insert(PROBLEM_JSON.into(), Content::new(Some(schema)));
    response.extensions = Some(Extensions::from_iter([(CODES_KEY, codes)]));
    if status == 429 || status == 503 {
        let seconds = ObjectBuilder::new().schema_type(Type::Integer).build();
        let mut header = Header::new(seconds);
        header.description = Some("Seconds to wait before trying again.".into());
        response.headers.insert("Retry-After".into(), header);
    }
    response
}

/// The codes a response already lists (one built by `answer`).
fn codes_of(response: &RefOr<Response>) -> Vec<String> {
    match response {
        RefOr::T(r) => r
            .extensions
            .as_ref()
            .and_then(|e| e.get(CODES_KEY))
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        RefOr::Ref(_) => Vec::new(),
    }
}

/// Adds `codes` to the operation's answer for `status`, making one if
/// there is none. A non-problem answer already there (such as a 404 with
/// its own body) is left alone.
fn add(op: &mut Operation, status: u16, codes: &[&str]) {
    let key = status.to_string();
    let existing = op.responses.responses.get(&key);
    if existing.is_some_and(|r| codes_of(r).is_empty()) {
        return;
    }
    let mut all = existing.map(codes_of).unwrap_or_default();
    all.extend(codes.iter().map(|c| c.to_string()));
    op.responses
        .responses
        .insert(key, RefOr::T(answer(status, all)));
}

/// A write on a past-due site past its grace period is 402, except the
/// routes that stay open so the owner can sign in and pay (see
/// `extract::tenant::stays_writable`).
pub fn read_only(op: &mut Operation, path: &str) {
    if !crate::extract::tenant::stays_writable(&format!("{}{path}", super::API_PREFIX)) {
        add(op, 402, &["subscription_past_due"]);
    }
}

/// Adds the answers every route of the tenant API can give, according to
/// what the operation takes (token, body, path, query).
pub fn complete(op: &mut Operation) {
    // The tenant middleware, before any handler.
    add(op, 400, &["invalid_host"]);
    add(op, 404, &["tenant_not_found"]);
    add(op, 403, &["tenant_suspended"]);
    // The platform: a logged 500 with nothing of its cause, or a database
    // that cannot be reached.
    add(op, 500, &["internal_error"]);
    add(op, 503, &["database_unavailable"]);
    if let Bearer::Required { roles } = bearer(op) {
        add(
            op,
            401,
            &[
                "missing_token",
                "invalid_token",
                "token_expired",
                "token_wrong_tenant",
                "account_not_found",
                "session_revoked",
                "role_changed",
            ],
        );
        if roles.iter().any(|r| r != ANY_ROLE) {
            add(op, 403, &["forbidden_role"]);
        }
    }
    if op.request_body.is_some() {
        add(op, 400, &["malformed_json", "invalid_body"]);
        add(op, 413, &["body_too_large"]);
        add(op, 415, &["unsupported_media_type"]);
        add(op, 422, &["invalid_body"]);
    }
    let takes = |place: ParameterIn| {
        op.parameters
            .iter()
            .flatten()
            .any(|p| p.parameter_in == place)
    };
    let (in_path, in_query) = (takes(ParameterIn::Path), takes(ParameterIn::Query));
    if in_path {
        // A path segment that is not a well-formed id or date names nothing.
        add(op, 404, &["not_found"]);
    }
    if in_query {
        add(op, 400, &["invalid_query"]);
    }
}

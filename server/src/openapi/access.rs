//! Who may call an operation. Operations name the roles they need in their
//! security requirement (`security(("bearer" = ["staff"]))`), as OpenAPI
//! 3.1 allows for non-OAuth schemes; the names are these four, matching
//! the extractors `SignedIn`, `StaffUser`, `AdminUser` and `OwnerUser`. An operation
//! open to visitors and signed-in users alike lists `()` first.

use std::collections::BTreeMap;

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::Modify;

use super::BEARER;

/// Any signed-in account of the site, customers included.
pub const ANY_ROLE: &str = "any";
/// The site's owner, admins and staff.
pub const STAFF: &str = "staff";
/// The site's owner and admins.
pub const ADMIN: &str = "admin";
/// The site's owner alone (what the site pays, for one).
pub const OWNER: &str = "owner";

/// What an operation's security says of the bearer token.
pub enum Bearer {
    None,
    Optional,
    Required { roles: Vec<String> },
}

pub fn bearer(op: &Operation) -> Bearer {
    let Some(requirements) = &op.security else {
        return Bearer::None;
    };
    // A requirement's fields are private; its JSON form is its meaning.
    let reqs: Vec<BTreeMap<String, Vec<String>>> = requirements
        .iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    if reqs.iter().any(BTreeMap::is_empty) {
        return Bearer::Optional;
    }
    match reqs.iter().find_map(|r| r.get(BEARER)) {
        Some(roles) => Bearer::Required {
            roles: roles.clone(),
        },
        None => Bearer::None,
    }
}

fn who(role: &str) -> &'static str {
    match role {
        OWNER => "the site's owner",
        ADMIN => "the site's owner or an admin",
        STAFF => "the site's owner, an admin or a staff member",
        _ => "any signed-in account of the site",
    }
}

/// Says in the operation's description who may call it, so the page
/// shows it next to the lock.
pub fn describe(op: &mut Operation) {
    let line = match bearer(op) {
        Bearer::None => "Anyone may call this; no token is needed.".to_string(),
        Bearer::Optional => {
            "Anyone may call this; with a bearer token of the site's team, the answer shows more."
                .to_string()
        }
        Bearer::Required { roles } => {
            let role = roles.first().map_or(ANY_ROLE, String::as_str);
            format!("Needs a bearer token of {}.", who(role))
        }
    };
    op.description = Some(match op.description.take() {
        Some(d) if !d.is_empty() => format!("{d}\n\n{line}"),
        _ => line,
    });
}

/// The bearer token of `POST /api/v1/auth/login`, in `Authorization`.
pub struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        http.description = Some(format!(
            "The access token from signing in on the site, as `Authorization: Bearer <token>`. \
             A token is valid only on the site it was issued for. Operations name the role \
             they need: `{OWNER}` ({}), `{ADMIN}` ({}), `{STAFF}` ({}), `{ANY_ROLE}` ({}).",
            who(OWNER),
            who(ADMIN),
            who(STAFF),
            who(ANY_ROLE)
        ));
        doc.components
            .get_or_insert_with(Default::default)
            .add_security_scheme(BEARER, SecurityScheme::Http(http));
    }
}

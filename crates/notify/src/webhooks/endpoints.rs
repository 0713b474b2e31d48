//! A tenant's webhook endpoints: where its events go. The events an
//! endpoint may subscribe to come from the capabilities that emit them,
//! gathered at start-up into an `EventCatalog`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use serde::Serialize;
use uuid::Uuid;

use kernel::error::AppError;
use kernel::schema::tenant::webhook_endpoints;

use crate::guarded_http::{self, AddressPolicy};

/// Every event name a tenant can subscribe to.
#[derive(Debug, Clone, Default)]
pub struct EventCatalog(Vec<&'static str>);

impl EventCatalog {
    pub fn with(mut self, names: &[&'static str]) -> Self {
        self.0.extend_from_slice(names);
        self
    }

    pub fn names(&self) -> &[&'static str] {
        &self.0
    }
}

#[derive(Debug, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = webhook_endpoints, check_for_backend(diesel::pg::Pg))]
#[schema(as = WebhookEndpoint)]
pub struct Endpoint {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// A checked endpoint, ready to store.
#[derive(Debug)]
pub struct NewEndpoint {
    url: String,
    events: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    #[error("url: {0}")]
    InvalidUrl(String),
    #[error("events: {0}")]
    InvalidEvents(String),
    #[error("there is no such webhook endpoint")]
    NotFound,
    /// The tenant has as many endpoints as one may.
    #[error("a tenant may have at most {max} webhook endpoints")]
    TooMany { max: u32 },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable).
    #[error(transparent)]
    Platform(#[from] AppError),
}

impl From<EndpointError> for AppError {
    fn from(e: EndpointError) -> Self {
        match e {
            EndpointError::InvalidUrl(m) => AppError::invalid("url", m),
            EndpointError::InvalidEvents(m) => AppError::invalid("events", m),
            EndpointError::NotFound => {
                AppError::not_found("webhook_not_found", "There is no such webhook endpoint.")
            }
            EndpointError::TooMany { max } => AppError::conflict(
                "too_many_webhook_endpoints",
                format!(
                    "This site already has {max} webhook endpoints, the most it may have; delete one first."
                ),
            ),
            EndpointError::Database(e) => e.into(),
            EndpointError::Platform(e) => e,
        }
    }
}

impl NewEndpoint {
    /// An http(s) URL whose host the outbound `policy` does not refuse as
    /// written (a name is checked again at each delivery), and events from
    /// the catalog (all of them when none are named).
    pub fn parse(
        raw_url: &str,
        events: Option<Vec<String>>,
        catalog: &EventCatalog,
        policy: &AddressPolicy,
    ) -> Result<Self, EndpointError> {
        let url = raw_url.trim();
        let ok = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() <= 2000
            && url.len() > "http://".len()
            && !url.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(EndpointError::InvalidUrl(format!(
                "{raw_url:?} is not an http(s) URL"
            )));
        }
        guarded_http::check_url(policy, url).map_err(EndpointError::InvalidUrl)?;
        let events =
            events.unwrap_or_else(|| catalog.names().iter().map(|e| e.to_string()).collect());
        if events.is_empty() {
            return Err(EndpointError::InvalidEvents(
                "name at least one event".into(),
            ));
        }
        if let Some(bad) = events
            .iter()
            .find(|e| !catalog.names().contains(&e.as_str()))
        {
            return Err(EndpointError::InvalidEvents(format!(
                "{bad:?} is not one of {}",
                catalog.names().join(", ")
            )));
        }
        Ok(NewEndpoint {
            url: url.to_string(),
            events,
        })
    }
}

pub fn list(conn: &mut PgConnection) -> Result<Vec<Endpoint>, EndpointError> {
    Ok(webhook_endpoints::table
        .order(webhook_endpoints::created_at)
        .select(Endpoint::as_select())
        .load(conn)?)
}

/// Stores the endpoint with a new signing secret, and returns both: the
/// secret is shown this once, to verify the X-Webhook-Signature header.
/// A tenant has at most `max_endpoints`: each one adds a delivery to every
/// event, and the deliveries of one tenant share its cap.
pub fn create(
    conn: &mut PgConnection,
    new: NewEndpoint,
    max_endpoints: u32,
) -> Result<(Endpoint, String), EndpointError> {
    // Creations of one tenant take turns (reads and deliveries do not
    // wait), so two at once cannot both pass the count.
    diesel::sql_query("LOCK TABLE webhook_endpoints IN SHARE ROW EXCLUSIVE MODE").execute(conn)?;
    let existing: i64 = webhook_endpoints::table.count().get_result(conn)?;
    if existing >= i64::from(max_endpoints) {
        return Err(EndpointError::TooMany { max: max_endpoints });
    }
    let mut raw = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let secret = format!("whsec_{}", hex::encode(raw));
    let endpoint = diesel::insert_into(webhook_endpoints::table)
        .values((
            webhook_endpoints::id.eq(Uuid::new_v4()),
            webhook_endpoints::url.eq(new.url),
            webhook_endpoints::secret.eq(&secret),
            webhook_endpoints::events.eq(new.events),
        ))
        .returning(Endpoint::as_returning())
        .get_result(conn)?;
    Ok((endpoint, secret))
}

/// Where a delivery goes and what signs it, read when it is sent.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints, check_for_backend(diesel::pg::Pg))]
pub struct Target {
    pub url: String,
    pub secret: String,
    pub active: bool,
}

/// The endpoint's target, or None once it is deleted. Runs on the tenant's
/// path (`runner::in_job_tenant`).
pub fn target(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Target>> {
    webhook_endpoints::table
        .find(id)
        .select(Target::as_select())
        .first(conn)
        .optional()
}

pub fn remove(conn: &mut PgConnection, id: Uuid) -> Result<(), EndpointError> {
    match diesel::delete(webhook_endpoints::table.find(id)).execute(conn)? {
        0 => Err(EndpointError::NotFound),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "endpoints_test.rs"]
mod tests;

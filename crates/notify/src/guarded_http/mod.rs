//! The one HTTP client for URLs a tenant supplies (webhook endpoints).
//! DESIGN.md's security rule: the resolved address is checked (no
//! loopback, link-local, private, multicast ...; `addresses`), the
//! connection goes to that checked address and nowhere else (`resolver`),
//! redirects are never followed (a 3xx could point anywhere, checked or
//! not), timeouts are short and a hostile receiver cannot make us read a
//! body of any size. `target::check_url` applies the same rules to a URL
//! before it is stored.

mod addresses;
mod resolver;
mod target;

use std::time::Duration;

use ureq::unversioned::transport::DefaultConnector;
use ureq::Agent;

pub use addresses::{AddressPolicy, Refused};
pub use target::check_url;

/// Long enough for a receiver on another continent, short enough that a
/// black-holed address does not hold a worker for long.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// We read no more of an answer than this: its status is what counts, and
/// reading a little lets the connection be reused.
const MAX_RESPONSE_BODY: u64 = 64 * 1024;

/// Why an outbound request did not get an answer we can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutboundError {
    /// The policy forbids the destination: retrying will not help.
    #[error("refused: {0}")]
    Refused(String),
    /// The receiver answered 3xx; following it could lead anywhere.
    #[error("HTTP {status} redirect to {location:?} not followed: give the final URL")]
    Redirected { status: u16, location: String },
    /// The URL cannot be requested at all.
    #[error("bad URL: {0}")]
    BadUrl(String),
    /// Network trouble, timeout or an unknown host: may work later.
    #[error("{0}")]
    Transport(String),
}

#[derive(Debug, Clone)]
pub struct GuardedClient {
    agent: Agent,
}

impl GuardedClient {
    pub fn new(policy: AddressPolicy) -> Self {
        let config = Agent::config_builder()
            // A proxy would resolve the name itself, behind our check.
            .proxy(None)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_resolve(Some(CONNECT_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build();
        let resolver = resolver::GuardedResolver::new(policy);
        GuardedClient {
            agent: Agent::with_parts(config, DefaultConnector::default(), resolver),
        }
    }

    /// POSTs `body` and answers the status (never 3xx: that is
    /// `Redirected`).
    pub fn post(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<u16, OutboundError> {
        let mut request = self.agent.post(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request
            .send(body)
            .map_err(|e| match resolver::refusal_in(&e) {
                Some(refused) => OutboundError::Refused(refused.to_string()),
                None if matches!(e, ureq::Error::BadUri(_) | ureq::Error::Http(_)) => {
                    OutboundError::BadUrl(e.to_string())
                }
                None => OutboundError::Transport(e.to_string()),
            })?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                // The receiver wrote it: keep the job's error short.
                .chars()
                .take(200)
                .collect();
            return Err(OutboundError::Redirected { status, location });
        }
        // Only to reuse the connection; a longer or broken body changes nothing.
        let _ = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BODY)
            .read_to_vec();
        Ok(status)
    }
}

#[cfg(test)]
#[path = "client_test.rs"]
mod tests;

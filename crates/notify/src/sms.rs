//! Text messages. Providers sit behind `SmsSender`; the one shipped speaks
//! the Twilio-style REST API (form POST to
//! `{base}/2010-04-01/Accounts/{sid}/Messages.json` with basic auth), which
//! several providers offer. The base URL is a setting, so tests point it at
//! a local listener.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::outbox::Failure;

pub trait SmsSender: Send + Sync {
    fn send(&self, to: &str, body: &str) -> Result<(), Failure>;
}

pub use kernel::settings::SmsSettings;

pub struct HttpSms {
    settings: SmsSettings,
    agent: ureq::Agent,
}

impl HttpSms {
    pub fn new(settings: SmsSettings) -> Self {
        HttpSms {
            settings,
            agent: provider_agent(),
        }
    }
}

/// The provider's URL is the operator's setting, not a tenant's, so this
/// is a plain client, not the guarded one (tests point it at 127.0.0.1).
fn provider_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into()
}

impl SmsSender for HttpSms {
    fn send(&self, to: &str, body: &str) -> Result<(), Failure> {
        let s = &self.settings;
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            s.base_url.trim_end_matches('/'),
            s.account_sid
        );
        let credentials = STANDARD.encode(format!("{}:{}", s.account_sid, s.auth_token));
        let response = self
            .agent
            .post(&url)
            .header("Authorization", format!("Basic {credentials}"))
            .send_form([("To", to), ("From", s.from.as_str()), ("Body", body)])
            .map_err(|e| Failure::Transient(format!("SMS provider: {e}")))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => Ok(()),
            408 | 429 | 500..=599 => Err(Failure::Transient(format!(
                "SMS provider answered HTTP {status}"
            ))),
            _ => Err(Failure::Permanent(format!(
                "SMS provider refused the message: HTTP {status}"
            ))),
        }
    }
}

/// The outbox `kind` of text messages.
pub const KIND_SMS: &str = "sms";

/// A text message waiting in the outbox.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SmsJob {
    pub to: String,
    pub body: String,
}

/// Queues a text message in the caller's transaction. Without a provider
/// configured the worker drops it (and says so in the job's record).
pub fn enqueue(
    conn: &mut diesel::PgConnection,
    tenant_id: uuid::Uuid,
    sms: &SmsJob,
) -> diesel::QueryResult<i64> {
    let payload = serde_json::to_value(sms)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    crate::outbox::enqueue(conn, Some(tenant_id), KIND_SMS, &payload)
}

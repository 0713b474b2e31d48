//! Providers behind one trait: `manual` answers the shop's instructions;
//! the HTTP one speaks Stripe's API shape (a form-encoded POST with the
//! shop's key as bearer, a JSON answer) to create a payment intent the
//! buyer's browser completes. Its base URL is the platform's setting, never
//! a URL a tenant gives, so it uses a plain client with short timeouts
//! rather than the guarded one. Blocking: call `start` off the async
//! workers, with no transaction open.

use std::time::Duration;

use serde::Deserialize;
use uuid::Uuid;

use super::settings::ProviderKind;

/// What a payment is asked for: an order of the shop, or anything else a
/// tenant bills (a clinic's invoice) named by its own metadata.
#[derive(Debug, Clone)]
pub struct PaymentOrder {
    /// What the payment is for, sent as `metadata[<key>]`: the provider
    /// hands it back in the webhook's event, which is how the event finds
    /// what it pays.
    pub metadata: Vec<(&'static str, String)>,
    /// The same key for a retried start of the same payment, so it gets
    /// the same intent rather than a second one to pay.
    pub idempotency_key: String,
    /// In the currency's minor unit, as the provider takes it.
    pub amount_cents: i64,
    /// ISO 4217, upper case as stored; the provider takes lower case.
    pub currency: String,
}

impl PaymentOrder {
    /// The payment of the shop's order: the webhook reads `order_id`.
    pub fn for_order(order_id: Uuid, number: i64, amount_cents: i64, currency: String) -> Self {
        PaymentOrder {
            metadata: vec![
                ("order_id", order_id.to_string()),
                ("order_number", number.to_string()),
            ],
            idempotency_key: format!("order-{order_id}"),
            amount_cents,
            currency,
        }
    }
}

/// What the buyer does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentStart {
    /// Pay as the shop says (bank details, cash on delivery).
    Instructions(Option<String>),
    /// Confirm the intent in the browser with its client secret.
    Intent {
        payment_intent_id: String,
        client_secret: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("the shop has no key for its card provider")]
    NotConfigured,
    /// The message is what the buyer is told; the cause is logged.
    #[error("{message}")]
    Failed { message: String, cause: String },
}

pub trait PaymentProvider: Send + Sync {
    fn kind(&self) -> ProviderKind;
    fn start(&self, order: &PaymentOrder) -> Result<PaymentStart, ProviderError>;
}

/// Cash on delivery or a bank transfer: nothing to call.
pub struct ManualProvider {
    pub instructions: Option<String>,
}

impl PaymentProvider for ManualProvider {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Manual
    }

    fn start(&self, _order: &PaymentOrder) -> Result<PaymentStart, ProviderError> {
        Ok(PaymentStart::Instructions(self.instructions.clone()))
    }
}

/// The Stripe-shaped HTTP provider, with the shop's own key.
pub struct HttpProvider {
    api_url: String,
    api_key: String,
    agent: ureq::Agent,
}

/// A slow provider holds one blocking thread for seconds, not minutes.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(3)))
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

impl HttpProvider {
    /// `api_url` is the platform's STORE_PAYMENTS_API_URL.
    pub fn new(api_url: &str, api_key: Option<&str>) -> Result<Self, ProviderError> {
        let api_key = api_key
            .filter(|k| !k.trim().is_empty())
            .ok_or(ProviderError::NotConfigured)?;
        Ok(HttpProvider {
            api_url: api_url.trim_end_matches('/').to_string(),
            api_key: api_key.to_string(),
            agent: agent(),
        })
    }
}

/// The form of a payment intent: the amount, the currency, and what it
/// pays (which comes back in the webhook's event).
pub fn intent_form(order: &PaymentOrder) -> Vec<(String, String)> {
    let mut form = vec![
        ("amount".to_string(), order.amount_cents.to_string()),
        ("currency".to_string(), order.currency.to_ascii_lowercase()),
    ];
    form.extend(
        order
            .metadata
            .iter()
            .map(|(key, value)| (format!("metadata[{key}]"), value.clone())),
    );
    form
}

fn failed(cause: String) -> ProviderError {
    ProviderError::Failed {
        message: "The card payment could not be started just now; try again in a few minutes."
            .into(),
        cause,
    }
}

/// The part of the provider's answer the buyer's browser needs.
#[derive(Deserialize)]
struct IntentAnswer {
    id: String,
    client_secret: String,
}

impl PaymentProvider for HttpProvider {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Stripe
    }

    fn start(&self, order: &PaymentOrder) -> Result<PaymentStart, ProviderError> {
        let url = format!("{}/v1/payment_intents", self.api_url);
        let form = intent_form(order);
        let mut response = self
            .agent
            .post(&url)
            .header("Authorization", format!("Bearer {}", self.api_key))
            .header("Idempotency-Key", &order.idempotency_key)
            .send_form(form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|e| failed(format!("payment provider unreachable: {e}")))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .map_err(|e| failed(format!("payment provider answer unreadable: {e}")))?;
        if !(200..300).contains(&status) {
            return Err(failed(format!(
                "payment provider answered HTTP {status}: {}",
                body.chars().take(500).collect::<String>()
            )));
        }
        let answer: IntentAnswer = serde_json::from_str(&body)
            .map_err(|e| failed(format!("payment provider answer is not an intent: {e}")))?;
        let fits = |s: &str| !s.is_empty() && s.len() <= 500;
        if !fits(&answer.id) || !fits(&answer.client_secret) {
            return Err(failed(
                "payment provider gave an empty or huge intent".into(),
            ));
        }
        Ok(PaymentStart::Intent {
            payment_intent_id: answer.id,
            client_secret: answer.client_secret,
        })
    }
}

#[cfg(test)]
#[path = "provider_test.rs"]
mod tests;

//! The payment provider behind a trait, so the platform can switch
//! providers and tests can stand one in. The one shipped speaks Stripe's
//! API shape (form-encoded POST, bearer key, JSON answers); its base URL is
//! a setting, so tests point it at a local listener.

use std::time::Duration;

use kernel::error::{AppError, StatusCode};
use kernel::settings::BillingSettings;
use serde::Deserialize;

/// What a checkout asks the provider for: a subscription to one plan.
#[derive(Debug, Clone)]
pub struct CheckoutRequest<'a> {
    pub tenant_slug: &'a str,
    pub plan_code: &'a str,
    pub plan_name: &'a str,
    pub price_cents: i64,
    /// ISO 4217, upper case as stored; the provider takes lower case.
    pub currency: &'a str,
    /// month or year.
    pub interval: &'a str,
    pub success_url: &'a str,
    pub cancel_url: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("no payment provider API key is configured")]
    NotConfigured,
    /// The provider could not be reached or refused; the cause is logged,
    /// the message is what the person is told.
    #[error("{message}")]
    Failed { message: String, cause: String },
}

impl From<ProviderError> for AppError {
    fn from(e: ProviderError) -> Self {
        match e {
            ProviderError::NotConfigured => AppError::unavailable(
                "payments_not_configured",
                "Online payment is not set up on this platform yet; contact the platform's support.",
            ),
            ProviderError::Failed { message, cause } => {
                let mut e = AppError::new(StatusCode::BAD_GATEWAY, "payment_provider_error", message);
                e.internal = Some(cause);
                e
            }
        }
    }
}

pub trait PaymentProvider: Send + Sync {
    /// Opens a hosted checkout for `req` and returns the URL to send the
    /// buyer to. Blocking: call it off the async workers.
    fn create_checkout_session(&self, req: &CheckoutRequest<'_>) -> Result<String, ProviderError>;
}

/// Stripe-shaped HTTP provider.
pub struct HttpProvider {
    api_url: String,
    api_key: String,
    agent: ureq::Agent,
}

/// The provider's URL is the operator's setting, not a tenant's, so this is
/// a plain client rather than the guarded one; the timeout keeps a slow
/// provider from holding a blocking thread.
fn provider_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// The part of the provider's session answer the platform uses; its `id`
/// and the rest come back in the webhook events.
#[derive(Deserialize)]
struct SessionAnswer {
    url: String,
}

impl HttpProvider {
    pub fn from_settings(s: &BillingSettings) -> Result<Self, ProviderError> {
        if s.api_key.trim().is_empty() {
            return Err(ProviderError::NotConfigured);
        }
        Ok(HttpProvider {
            api_url: s.api_url.trim_end_matches('/').to_string(),
            api_key: s.api_key.clone(),
            agent: provider_agent(),
        })
    }
}

/// The form fields of a checkout session, in Stripe's bracket notation.
pub fn checkout_form(req: &CheckoutRequest<'_>) -> Vec<(&'static str, String)> {
    vec![
        ("mode", "subscription".into()),
        (
            "line_items[0][price_data][currency]",
            req.currency.to_ascii_lowercase(),
        ),
        (
            "line_items[0][price_data][unit_amount]",
            req.price_cents.to_string(),
        ),
        (
            "line_items[0][price_data][recurring][interval]",
            req.interval.into(),
        ),
        (
            "line_items[0][price_data][product_data][name]",
            req.plan_name.into(),
        ),
        ("line_items[0][quantity]", "1".into()),
        ("success_url", req.success_url.into()),
        ("cancel_url", req.cancel_url.into()),
        ("client_reference_id", req.tenant_slug.into()),
        ("metadata[tenant]", req.tenant_slug.into()),
        ("metadata[plan]", req.plan_code.into()),
        (
            "subscription_data[metadata][tenant]",
            req.tenant_slug.into(),
        ),
        ("subscription_data[metadata][plan]", req.plan_code.into()),
    ]
}

fn failed(cause: String) -> ProviderError {
    ProviderError::Failed {
        message:
            "The payment provider could not open a checkout just now; try again in a few minutes."
                .into(),
        cause,
    }
}

impl PaymentProvider for HttpProvider {
    fn create_checkout_session(&self, req: &CheckoutRequest<'_>) -> Result<String, ProviderError> {
        let url = format!("{}/v1/checkout/sessions", self.api_url);
        let form = checkout_form(req);
        let mut response = self
            .agent
            .post(&url)
            .header("Authorization", format!("Bearer {}", self.api_key))
            .send_form(form.iter().map(|(k, v)| (*k, v.as_str())))
            .map_err(|e| failed(format!("payment provider unreachable: {e}")))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(256 * 1024)
            .read_to_string()
            .map_err(|e| failed(format!("payment provider answer unreadable: {e}")))?;
        if !(200..300).contains(&status) {
            return Err(failed(format!(
                "payment provider answered HTTP {status}: {}",
                body.chars().take(500).collect::<String>()
            )));
        }
        let answer: SessionAnswer = serde_json::from_str(&body)
            .map_err(|e| failed(format!("payment provider answer is not a session: {e}")))?;
        if !answer.url.starts_with("https://") && !answer.url.starts_with("http://") {
            return Err(failed(format!(
                "payment provider gave no URL: {}",
                answer.url
            )));
        }
        Ok(answer.url)
    }
}

//! POST /billing/webhook: the payment provider's events, on the platform's
//! own host. The raw body is what the provider signed, so it is read as
//! bytes and checked before it is parsed.

use actix_web::{web, HttpRequest, HttpResponse};
use billing::events::{self, Event, Outcome};
use billing::signature::{self, SIGNATURE_HEADER};
use diesel::Connection;
use kernel::error::AppError;
use serde::{Deserialize, Serialize};

use crate::extract::PlatformHost;
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(WebhookProblems {
    400 => [invalid_signature, invalid_event],
    404 => [platform_only],
    503 => [payments_not_configured],
});

/// The provider's event, as it sends it (the handler reads the raw bytes).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
#[schema(as = PaymentProviderEvent)]
pub struct ProviderEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    /// Unix seconds.
    created: i64,
    /// `{object: ...}`: the invoice or subscription, whose metadata names
    /// the tenant.
    #[schema(value_type = Object)]
    data: serde_json::Value,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WebhookReceipt {
    pub received: bool,
    /// The event had been received before; nothing was done again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<bool>,
    /// applied, stale or ignored (absent for a duplicate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

fn invalid_signature() -> AppError {
    AppError::bad_request(
        "invalid_signature",
        "The Stripe-Signature header is missing, does not sign this body with the webhook \
         secret, or is more than 5 minutes from the server's time.",
    )
}

/// Each event is applied once, however often it is delivered; one older
/// than the last applied to its subscription changes nothing.
#[utoipa::path(post, path = "/billing/webhook", tag = "billing",
    operation_id = "receive_payment_event",
    request_body = ProviderEvent,
    params(("Stripe-Signature" = String, Header,
        description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`")),
    responses((status = 200, description = "Received", body = WebhookReceipt),
        WebhookProblems))]
async fn receive(
    state: web::Data<AppState>,
    _platform: PlatformHost,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let billing = &state.settings.billing;
    if billing.webhook_secret.is_empty() {
        return Err(AppError::unavailable(
            "payments_not_configured",
            "The payment webhook has no signing secret configured on this platform.",
        )
        .into());
    }
    let header = req
        .headers()
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(invalid_signature)?;
    let now = chrono::Utc::now();
    if !signature::verify(&billing.webhook_secret, header, &body, now.timestamp()) {
        return Err(invalid_signature().into());
    }
    let event = Event::parse(&body)?;
    let tax = billing.tax_rate_bp;
    let outcome = kernel::db::run(&state.pool, move |conn| {
        conn.transaction(|conn| events::receive(conn, &event, tax, now))
    })
    .await?;
    let receipt = match outcome {
        Outcome::Duplicate => WebhookReceipt {
            received: true,
            duplicate: Some(true),
            outcome: None,
        },
        other => WebhookReceipt {
            received: true,
            duplicate: None,
            outcome: Some(other.as_str().to_string()),
        },
    };
    Ok(HttpResponse::Ok().json(receipt))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_receive, receive);
}

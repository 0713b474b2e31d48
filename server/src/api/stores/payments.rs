//! /payments: the shop's payment provider (owner and admins), and the
//! provider's webhook on the shop's host, which pays the shop's orders and
//! the clinic's invoices alike. The webhook's raw body is what
//! the provider signed, so it is read as bytes and checked before it is
//! parsed.

use actix_web::{web, HttpRequest, HttpResponse};
use kernel::error::AppError;
use serde::Deserialize;
use stores::payments::settings::{self, NewSettings, SettingsBody, SettingsView};
use stores::payments::webhook::{self, Receipt, SIGNATURE_HEADER};
use stores::payments::Outcome;

use crate::api::clinics::invoice_payments;

use crate::extract::{AdminUser, CurrentTenant, RequestSite};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(SetProblems { 422 => [validation_failed] });
problems!(WebhookProblems {
    400 => [invalid_signature, invalid_event],
    413 => [body_too_large],
});

/// The provider's event, as it sends it (the handler reads the raw bytes).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[allow(dead_code)]
#[schema(as = ShopPaymentEvent)]
pub struct ProviderEvent {
    /// Each event is applied once by its id.
    id: String,
    /// `payment_intent.succeeded` pays the order (or the clinic invoice);
    /// others are recorded.
    #[serde(rename = "type")]
    kind: String,
    /// Unix seconds.
    created: i64,
    /// `{object: {id, amount, currency, metadata: {order_id}}}`, or
    /// `metadata: {clinic_invoice_id}` for a clinic invoice.
    #[schema(value_type = Object)]
    data: serde_json::Value,
}

/// The provider, the instructions, whether a key is set (its last four
/// characters); never a secret.
#[utoipa::path(get, path = "/payments/settings", tag = "payments",
    operation_id = "get_payment_settings",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The shop's payment settings", body = SettingsView)))]
async fn show(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
) -> ApiResult<HttpResponse> {
    let view = tenant.run(&state, settings::show).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Sets the provider. The first answer (and one asked to rotate it) holds
/// the webhook secret to give the provider; no later answer shows it.
#[utoipa::path(post, path = "/payments/settings", tag = "payments",
    operation_id = "set_payment_settings",
    request_body = SettingsBody,
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The settings as they now are", body = SettingsView),
        SetProblems))]
async fn set(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    _admin: AdminUser,
    body: web::Json<SettingsBody>,
) -> ApiResult<HttpResponse> {
    let new = NewSettings::parse(body.into_inner())?;
    let view = tenant
        .run(&state, move |conn| settings::set(conn, &new))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The card provider's events for this shop, signed with its webhook
/// secret. Each is applied once, however often and in whatever order it
/// is delivered; a bad signature stores nothing.
#[utoipa::path(post, path = "/payments/webhook", tag = "payments",
    operation_id = "receive_shop_payment_event",
    request_body = ProviderEvent,
    params(("X-Payment-Signature" = String, Header,
        description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">` with the \
            shop's webhook secret")),
    responses((status = 200, description = "Received", body = Receipt), WebhookProblems))]
async fn receive(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    site: RequestSite,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let signature = req
        .headers()
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let now = chrono::Utc::now().timestamp();
    let outcome = tenant
        .run(&state, move |conn| -> Result<Outcome, AppError> {
            let Some(event) = webhook::accept(conn, signature.as_deref(), &body, now)? else {
                return Ok(Outcome::Duplicate);
            };
            // A clinic invoice's payment, or else the shop's order's.
            match invoice_payments::apply_event(conn, &event) {
                Some(applied) => applied,
                None => Ok(webhook::apply_to_order(conn, &site, &event)?),
            }
        })
        .await?;
    Ok(HttpResponse::Ok().json(Receipt::from(outcome)))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_show, show)
        .add(__path_set, set)
        .add(__path_receive, receive);
}

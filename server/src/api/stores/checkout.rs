//! POST /api/v1/carts/{id}/checkout: the cart becomes an order waiting for
//! payment. Read the request, run the one checkout operation in the
//! tenant's transaction, shape the answer.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use kernel::error::AppError;
use serde_json::Value;
use stores::checkout::{
    self, CheckoutBody, CheckoutInput, CheckoutKey, CheckoutRequest, PlacedOrder,
};

use super::carts::{access, cart_id};
use crate::extract::{CurrentTenant, OptionalUser, RequestSite};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

problems!(CheckoutProblems {
    400 => [invalid_idempotency_key],
    401 => [missing_token, invalid_token, token_expired, token_wrong_tenant,
            account_not_found, session_revoked, role_changed],
    404 => [cart_not_found],
    409 => [cart_empty, cart_checked_out, cart_merged, out_of_stock, currency_mismatch,
            coupon_not_applicable, coupon_exhausted, coupon_limit_reached],
    422 => [validation_failed, idempotency_key_reused, total_too_large],
});

/// One transaction: the cart's variants are locked in a fixed order, the
/// stock taken, the coupon used, and the order placed as
/// `pending_payment`, holding its stock until it is paid or its
/// `expires_at` passes. Not enough stock is 409 `out_of_stock` with a
/// `lines` member listing `{variant_id, sku, requested, available}` for
/// each short line; then nothing is ordered. A retry with the same
/// Idempotency-Key answers 201 with the same order (as it now is, with
/// `Idempotent-Replayed: true` and a new tracking token) and orders
/// nothing more; the key with another cart or body is 422.
#[utoipa::path(post, path = "/carts/{id}/checkout", tag = "carts", operation_id = "check_out_cart",
    params(("id" = Uuid, Path, description = "The cart's id"),
        ("X-Cart-Token" = Option<String>, Header, description = "The cart's token; a signed-in \
            customer's own cart needs none"),
        ("Idempotency-Key" = Option<String>, Header,
            description = "Retries with the same key (1 to 255 printable characters) get the \
            first order again, and order nothing more.")),
    request_body = CheckoutBody,
    security((), ("bearer" = [])),
    responses(
        (status = 201, description = "The order, waiting for payment", body = PlacedOrder,
            headers(("Location" = String, description = "The order's URL"),
                ("Idempotent-Replayed" = String, description = "`true` on a replay"))),
        CheckoutProblems))]
pub async fn check_out(
    tenant: CurrentTenant,
    site: RequestSite,
    state: web::Data<AppState>,
    user: OptionalUser,
    http: HttpRequest,
    path: web::Path<String>,
    raw: web::Json<Value>,
) -> ApiResult<HttpResponse> {
    let id = cart_id(&path)?;
    // Read as a value first: the key's fingerprint is of the body as sent.
    let raw = raw.into_inner();
    let body: CheckoutBody = serde_json::from_value(raw.clone()).map_err(|e| {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            format!("The JSON body does not fit: {e}."),
        )
    })?;
    let input = CheckoutInput::parse(&body)?;
    let idempotency_key = match http.headers().get("idempotency-key") {
        None => None,
        Some(v) => Some(CheckoutKey::parse(
            v.to_str().unwrap_or_default(),
            id,
            &raw,
        )?),
    };
    let request = CheckoutRequest {
        cart_id: id,
        access: access(&http, &user),
        input,
        idempotency_key,
        hold_minutes: state.settings.stores.order_hold_minutes,
    };
    let order = tenant
        .run(&state, move |conn| {
            checkout::check_out_and_announce(conn, &site, &request)
        })
        .await?;
    let mut answer = HttpResponse::Created();
    answer.insert_header(("Location", format!("/api/v1/orders/{}", order.id)));
    if order.replayed {
        answer.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(answer.json(order))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_check_out, check_out);
}

//! /api/v1/carts: open a cart, change its lines, read it, and merge a
//! guest's cart into the customer's at sign-in. A guest sends the cart's
//! token as `X-Cart-Token`; a signed-in customer's own cart opens with
//! their bearer token alone. A cart the caller may not open answers as one
//! that does not exist.

use actix_web::{web, HttpRequest, HttpResponse};
use stores::carts::{
    self, AddItemBody, CartAccess, CartError, CartView, ChangeItemBody, NewItem, OpenedCart,
};
use uuid::Uuid;

use crate::extract::{ClientAddr, CurrentTenant, OptionalUser, SignedIn};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;
use kernel::error::AppError;
use kernel::ratelimit::{self, client_scope, Verdict};

/// The header that carries a guest's cart token.
pub const CART_TOKEN: &str = "x-cart-token";

problems!(OpenProblems {
    401 => [missing_token, invalid_token, token_expired, token_wrong_tenant,
            account_not_found, session_revoked, role_changed],
    429 => [rate_limited],
});
problems!(GetProblems {
    401 => [missing_token, invalid_token, token_expired, token_wrong_tenant,
            account_not_found, session_revoked, role_changed],
    404 => [cart_not_found],
});
problems!(AddProblems {
    401 => [missing_token, invalid_token, token_expired, token_wrong_tenant,
            account_not_found, session_revoked, role_changed],
    404 => [cart_not_found, variant_not_found],
    409 => [insufficient_stock, currency_mismatch, cart_checked_out, cart_merged],
    422 => [validation_failed],
});
problems!(ChangeProblems {
    401 => [missing_token, invalid_token, token_expired, token_wrong_tenant,
            account_not_found, session_revoked, role_changed],
    404 => [cart_not_found, cart_item_not_found, variant_not_found],
    409 => [insufficient_stock, cart_checked_out, cart_merged],
    422 => [validation_failed],
});
problems!(RemoveProblems {
    401 => [missing_token, invalid_token, token_expired, token_wrong_tenant,
            account_not_found, session_revoked, role_changed],
    404 => [cart_not_found, cart_item_not_found],
    409 => [cart_checked_out, cart_merged],
});
problems!(MergeProblems {
    403 => [forbidden_role],
    404 => [cart_not_found],
    409 => [cart_checked_out, cart_merged],
});

/// A malformed id can name no cart: the same 404 as an unknown one.
pub(super) fn cart_id(raw: &str) -> Result<Uuid, CartError> {
    Uuid::parse_str(raw).map_err(|_| CartError::NotFound)
}

/// A malformed variant id is none the cart holds.
fn item_id(raw: &str) -> Result<Uuid, CartError> {
    Uuid::parse_str(raw).map_err(|_| CartError::ItemNotFound)
}

fn cart_token(http: &HttpRequest) -> Option<&str> {
    http.headers().get(CART_TOKEN).and_then(|v| v.to_str().ok())
}

/// What opens a cart in this request: its token, and the signed-in
/// customer (staff shop as guests, with a token).
pub(super) fn access(http: &HttpRequest, user: &OptionalUser) -> CartAccess {
    CartAccess::new(cart_token(http), user.customer_id())
}

/// A guest gets a new cart and its token, shown only here. A signed-in
/// customer gets their open cart (200, no token: the bearer token opens
/// it) or a new one (201).
#[utoipa::path(post, path = "/carts", tag = "carts", operation_id = "open_cart",
    security((), ("bearer" = [])),
    responses(
        (status = 201, description = "A new cart and its token", body = OpenedCart,
            headers(("Location" = String, description = "The cart's URL"))),
        (status = 200, description = "The signed-in customer's open cart", body = OpenedCart),
        OpenProblems))]
pub async fn open(
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    user: OptionalUser,
    client: ClientAddr,
) -> ApiResult<HttpResponse> {
    let customer_id = user.customer_id();
    // Anyone may open a guest cart, and each is a row: a client address
    // opens a bounded number per hour.
    if let (None, Some(ip)) = (customer_id, client.0) {
        let key = format!("rl:carts:{}:ip:{}", tenant.id.simple(), client_scope(ip));
        let limit = state.settings.stores.carts_per_ip_per_hour;
        if let Verdict::Limited(wait) = ratelimit::hit(&state.redis, &[key], limit, 3600).await {
            return Err(AppError::too_many_requests(wait.max(1)).into());
        }
    }
    let opened = tenant
        .run(&state, move |conn| carts::open_cart(conn, customer_id))
        .await?;
    if !opened.created {
        return Ok(HttpResponse::Ok().json(opened));
    }
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/carts/{}", opened.id)))
        .json(opened))
}

#[utoipa::path(get, path = "/carts/{id}", tag = "carts", operation_id = "get_cart",
    params(("id" = Uuid, Path, description = "The cart's id"),
        ("X-Cart-Token" = Option<String>, Header, description = "The cart's token, from POST /carts; \
            a signed-in customer's own cart needs none")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The cart, priced as of now", body = CartView), GetProblems))]
pub async fn get(
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    user: OptionalUser,
    http: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = cart_id(&path)?;
    let access = access(&http, &user);
    let cart = tenant
        .run(&state, move |conn| carts::view(conn, id, &access))
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// Adds to what the cart holds of the variant; more than is in stock is
/// refused with how many there are.
#[utoipa::path(post, path = "/carts/{id}/items", tag = "carts", operation_id = "add_cart_item",
    params(("id" = Uuid, Path, description = "The cart's id"),
        ("X-Cart-Token" = Option<String>, Header, description = "The cart's token")),
    request_body = AddItemBody,
    security((), ("bearer" = [])),
    responses((status = 200, description = "The cart as it now is", body = CartView), AddProblems))]
pub async fn add_item(
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    user: OptionalUser,
    http: HttpRequest,
    path: web::Path<String>,
    body: web::Json<AddItemBody>,
) -> ApiResult<HttpResponse> {
    let id = cart_id(&path)?;
    let item = NewItem::parse(&body)?;
    let access = access(&http, &user);
    let cart = tenant
        .run(&state, move |conn| {
            carts::add_item(conn, id, &access, &item)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// Sets what the cart holds of a variant it holds.
#[utoipa::path(patch, path = "/carts/{id}/items/{variant_id}", tag = "carts",
    operation_id = "change_cart_item",
    params(("id" = Uuid, Path, description = "The cart's id"),
        ("variant_id" = Uuid, Path, description = "The variant's id"),
        ("X-Cart-Token" = Option<String>, Header, description = "The cart's token")),
    request_body = ChangeItemBody,
    security((), ("bearer" = [])),
    responses((status = 200, description = "The cart as it now is", body = CartView), ChangeProblems))]
pub async fn change_item(
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    user: OptionalUser,
    http: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<ChangeItemBody>,
) -> ApiResult<HttpResponse> {
    let id = cart_id(&path.0)?;
    let variant_id = item_id(&path.1)?;
    let quantity = body.parse()?;
    let access = access(&http, &user);
    let cart = tenant
        .run(&state, move |conn| {
            carts::set_quantity(conn, id, &access, variant_id, quantity)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// Takes the variant out of the cart.
#[utoipa::path(delete, path = "/carts/{id}/items/{variant_id}", tag = "carts",
    operation_id = "remove_cart_item",
    params(("id" = Uuid, Path, description = "The cart's id"),
        ("variant_id" = Uuid, Path, description = "The variant's id"),
        ("X-Cart-Token" = Option<String>, Header, description = "The cart's token")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The cart as it now is", body = CartView), RemoveProblems))]
pub async fn remove_item(
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    user: OptionalUser,
    http: HttpRequest,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let id = cart_id(&path.0)?;
    let variant_id = item_id(&path.1)?;
    let access = access(&http, &user);
    let cart = tenant
        .run(&state, move |conn| {
            carts::remove_item(conn, id, &access, variant_id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

/// At sign-in: the guest cart that `X-Cart-Token` opens gives its items to
/// the customer's open cart (made if they have none), each line capped by
/// the stock and 999; lines no longer on sale or in another currency stay
/// behind. The guest cart is `merged` from then on.
#[utoipa::path(post, path = "/carts/{id}/merge", tag = "carts", operation_id = "merge_cart",
    params(("id" = Uuid, Path, description = "The guest cart's id"),
        ("X-Cart-Token" = String, Header, description = "The guest cart's token")),
    security(("bearer" = ["any"])),
    responses((status = 200, description = "The customer's cart, with the guest's items",
        body = CartView), MergeProblems))]
pub async fn merge(
    tenant: CurrentTenant,
    state: web::Data<AppState>,
    user: SignedIn,
    http: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let customer_id = OptionalUser(Some(user.0))
        .customer_id()
        .ok_or(CartError::CustomersOnly)?;
    let id = cart_id(&path)?;
    let token = cart_token(&http).ok_or(CartError::NotFound)?.to_string();
    let cart = tenant
        .run(&state, move |conn| {
            carts::merge_guest_cart(conn, id, &token, customer_id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cart))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_open, open)
        .add(__path_get, get)
        .add(__path_add_item, add_item)
        .add(__path_change_item, change_item)
        .add(__path_remove_item, remove_item)
        .add(__path_merge, merge);
}

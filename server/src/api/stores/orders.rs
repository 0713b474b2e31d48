//! /orders: a signed-in customer's own orders, every order for the site's
//! team, and one order for whoever may see it (the team, the customer who
//! placed it, or the holder of its tracking token in `X-Order-Token`).
//! Staff move orders; the buyer cancels or pays one that waits for
//! payment; a paid order has its invoice as a PDF.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{web, HttpRequest, HttpResponse};
use identity::{AuthUser, Role};
use kernel::error::AppError;
use stores::orders::{
    self, Access, ListFilter, ListQuery, OrderDetail, OrderError, Page, Scope, StatusBody,
    StatusChange,
};
use stores::payments::start::{self, PayAnswer};
use uuid::Uuid;

use crate::extract::{CurrentTenant, RequestSite, SignedIn, StaffUser};
use crate::openapi::problems::problems;
use crate::openapi::ApiRoutes;
use crate::problem::ApiResult;
use crate::state::AppState;

/// The header that carries an order's tracking token.
pub const TOKEN_HEADER: &str = "X-Order-Token";

problems!(ListProblems { 400 => [invalid_cursor, invalid_limit, invalid_query] });
problems!(OneProblems { 404 => [order_not_found] });
problems!(StatusProblems {
    404 => [order_not_found],
    409 => [invalid_transition, prescription_required],
    422 => [validation_failed],
});
problems!(CancelProblems {
    404 => [order_not_found],
    409 => [order_not_pending],
});
problems!(InvoiceProblems {
    404 => [order_not_found],
    409 => [order_not_paid],
});
problems!(PayProblems {
    404 => [order_not_found],
    409 => [order_not_pending],
    502 => [payment_provider_error],
    503 => [payments_not_configured],
});

/// A PDF document's bytes (for the API document: the handler sends them
/// as they are).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
struct OrderInvoicePdf(Vec<u8>);

/// A malformed id can name no order: the same 404 as an unknown one.
fn order_id(raw: &str) -> Result<Uuid, OrderError> {
    Uuid::parse_str(raw).map_err(|_| OrderError::NotFound)
}

/// What the request proves: a member of the team, or a customer, and the
/// tracking token it sent.
pub(super) fn access(user: Option<&AuthUser>, req: &HttpRequest) -> Access {
    let base = match user {
        Some(u) if u.role.is_staff() => Access::staff(u.user_id),
        Some(u) if u.role == Role::Customer => Access::customer(u.user_id),
        _ => Access::default(),
    };
    let token = req
        .headers()
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok());
    base.with_token(token)
}

/// The team sees every order (filtered); a customer sees their own.
#[utoipa::path(get, path = "/orders", tag = "orders", operation_id = "list_orders",
    params(ListQuery),
    security(("bearer" = ["any"])),
    responses((status = 200, description = "One page, newest first", body = Page), ListProblems))]
async fn list(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    SignedIn(user): SignedIn,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let filter = ListFilter::parse(query.into_inner())?;
    let scope = if user.role.is_staff() {
        Scope::All
    } else {
        Scope::Customer(user.user_id)
    };
    let page = tenant
        .run(&state, move |conn| orders::list(conn, scope, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// The order with its lines, history and payment.
#[utoipa::path(get, path = "/orders/{id}", tag = "orders", operation_id = "get_order",
    params(("id" = Uuid, Path, description = "The order's id"),
        ("X-Order-Token" = Option<String>, Header,
            description = "The order's tracking token, handed out at checkout")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The order", body = OrderDetail), OneProblems))]
async fn get(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    req: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = order_id(&path)?;
    let access = access(user.as_ref().map(|u| &u.0), &req);
    let order = tenant
        .run(&state, move |conn| orders::view(conn, &access, id))
        .await?;
    Ok(HttpResponse::Ok().json(order))
}

/// Moves the order to another status, as the order's current status
/// allows; the buyer gets a mail and the site's webhooks an event.
#[utoipa::path(post, path = "/orders/{id}/status", tag = "orders",
    operation_id = "change_order_status",
    params(("id" = Uuid, Path, description = "The order's id")),
    request_body = StatusBody,
    security(("bearer" = ["staff"])),
    responses((status = 200, description = "The order as it now is", body = OrderDetail),
        StatusProblems))]
async fn change_status(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    StaffUser(user): StaffUser,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Json<StatusBody>,
) -> ApiResult<HttpResponse> {
    let id = order_id(&path)?;
    let change = StatusChange::by_staff(body.into_inner(), user.user_id)?;
    let order = tenant
        .run(&state, move |conn| {
            orders::change_status(conn, &site, id, &change)
        })
        .await?;
    Ok(HttpResponse::Ok().json(order))
}

/// The buyer cancels their order while it waits for payment; its stock
/// and coupon use are given back.
#[utoipa::path(post, path = "/orders/{id}/cancel", tag = "orders",
    operation_id = "cancel_order",
    params(("id" = Uuid, Path, description = "The order's id"),
        ("X-Order-Token" = Option<String>, Header,
            description = "The order's tracking token, handed out at checkout")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The cancelled order", body = OrderDetail),
        CancelProblems))]
async fn cancel(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    site: RequestSite,
    req: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = order_id(&path)?;
    let access = access(user.as_ref().map(|u| &u.0), &req);
    let order = tenant
        .run(&state, move |conn| {
            orders::cancel_by_buyer(conn, &site, &access, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(order))
}

/// The buyer starts paying: the shop's instructions for a manual payment,
/// or the card provider's payment intent to confirm in the browser.
#[utoipa::path(post, path = "/orders/{id}/pay", tag = "orders",
    operation_id = "pay_order",
    params(("id" = Uuid, Path, description = "The order's id"),
        ("X-Order-Token" = Option<String>, Header,
            description = "The order's tracking token, handed out at checkout")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "How to pay", body = PayAnswer), PayProblems))]
async fn pay(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    req: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = order_id(&path)?;
    let access = access(user.as_ref().map(|u| &u.0), &req);
    let api_url = state.settings.stores.payments_api_url.clone();
    let plan = tenant
        .run(&state, move |conn| {
            start::prepare(conn, &access, id, &api_url)
        })
        .await?;
    // The provider is called once the transaction has ended.
    let answer = web::block(move || plan.start())
        .await
        .map_err(|e| AppError::internal(format!("blocking task failed: {e}")))??;
    Ok(HttpResponse::Ok().json(answer))
}

/// The invoice of a paid order, as a PDF. Helvetica prints Latin script
/// only: Arabic or Persian text shows as `?`.
#[utoipa::path(get, path = "/orders/{id}/invoice.pdf", tag = "orders",
    operation_id = "get_order_invoice",
    params(("id" = Uuid, Path, description = "The order's id"),
        ("X-Order-Token" = Option<String>, Header,
            description = "The order's tracking token, handed out at checkout")),
    security((), ("bearer" = [])),
    responses((status = 200, description = "The invoice", content_type = "application/pdf",
        body = OrderInvoicePdf), InvoiceProblems))]
async fn invoice(
    state: web::Data<AppState>,
    tenant: CurrentTenant,
    user: Option<SignedIn>,
    req: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = order_id(&path)?;
    let access = access(user.as_ref().map(|u| &u.0), &req);
    let shop = tenant.name.clone();
    let (number, document) = tenant
        .run(&state, move |conn| {
            orders::invoice::invoice(conn, &access, &shop, id)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("inline; filename=\"order-{number}.pdf\""),
        ))
        .body(document))
}

pub fn routes(api: &mut ApiRoutes) {
    api.add(__path_list, list)
        .add(__path_get, get)
        .add(__path_change_status, change_status)
        .add(__path_cancel, cancel)
        .add(__path_pay, pay)
        .add(__path_invoice, invoice);
}

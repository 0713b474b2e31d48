//! GET /shop/orders/{order_id}: an order's page, for the site's staff, the
//! signed-in customer who placed it, or the browser holding its tracking
//! cookie; anyone else gets the 404 page, as for an order that does not
//! exist. A small script follows the order's status through
//! /shop/orders/{id}/events and refreshes the page's live parts without a
//! reload; without it the page shows the status as of its loading.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use stores::orders::Access;
use uuid::Uuid;

use super::checkout::ORDER_COOKIE;
use super::id_or_404;
use super::order_view::{self, OrderShown};
use crate::extract::CurrentTenant;
use crate::pages::layer::assets;
use crate::pages::layer::{Notice, Page, PageResult};

#[derive(Template)]
#[template(path = "shop/order.html")]
struct OrderPage<'a> {
    p: &'a Page,
    o: OrderShown,
    notice: Option<Notice>,
    events_url: String,
    script: String,
    csrf_token: String,
    max_upload_mb: String,
}

/// What the request proves: staff or the customer by the page session,
/// and the order's tracking token by its cookie (scoped to the order's
/// pages, so a browser sends each order only its own).
pub fn access_of(p: &Page, req: &HttpRequest) -> Access {
    let base = match (p.staff(), p.customer()) {
        (Some(staff), _) => Access::staff(staff.account.id()),
        (None, Some(customer)) => Access::customer(customer.account.id()),
        _ => Access::default(),
    };
    base.with_token(req.cookie(ORDER_COOKIE).as_ref().map(|c| c.value()))
}

/// The order's page with `notice` above it, answered with `status`.
pub async fn render(
    p: &Page,
    tenant: &CurrentTenant,
    req: &HttpRequest,
    id: Uuid,
    notice: Option<Notice>,
    status: StatusCode,
) -> PageResult {
    let access = access_of(p, req);
    let api_url = p.state.settings.stores.payments_api_url.clone();
    let loaded = tenant
        .run(&p.state, move |conn| {
            order_view::load(conn, &access, id, &api_url)
        })
        .await
        .map_err(|e| p.fail(e))?;
    let o = order_view::shown(p, &loaded);
    let page = OrderPage {
        events_url: format!("/shop/orders/{id}/events?after={}", o.last_event),
        script: assets::shop_js_path(),
        csrf_token: p.csrf_token(),
        max_upload_mb: p.fmt.number(
            i64::try_from(p.state.settings.upload_max_bytes.div_ceil(1024 * 1024))
                .unwrap_or(i64::MAX),
        ),
        o,
        notice,
        p,
    };
    p.render_status(status, &page)
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
) -> PageResult {
    let id = id_or_404(&p, &path)?;
    let notice = match req.query_string() {
        "uploaded=1" => Some(Notice::ok(p.t("shop-prescription-uploaded"))),
        _ => None,
    };
    render(&p, &tenant, &req, id, notice, StatusCode::OK).await
}

/// GET /orders/{order_id}: the address the order mails link.
pub async fn moved(p: Page, _tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    let id = id_or_404(&p, &path)?;
    Ok(p.see_other(&format!("/shop/orders/{id}")))
}

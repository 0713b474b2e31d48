//! The cart: GET /shop/cart shows its lines with their quantities (each
//! with its own small form), the subtotal and the way to checkout; POST
//! /shop/cart/items adds from a product page, /shop/cart/items/{variant}
//! sets a line's quantity (0 removes it) and .../remove takes it out. Each
//! is the API's cart operation; a refusal (more than is in stock, more
//! than a line may hold) shows beside its line.

use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use diesel::PgConnection;
use kernel::error::AppError;
use serde_json::Value;
use stores::carts::{
    self, AddItemBody, CartAccess, CartError, CartView, ItemQuantity, NewItem, MAX_QUANTITY,
};
use uuid::Uuid;

use super::held::{self, Held};
use super::product::{self, Picked};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageError, PageResult};

pub struct LineView {
    pub variant_id: Uuid,
    pub product_id: Uuid,
    pub name: String,
    pub details: String,
    pub unit_price: String,
    pub quantity: i32,
    pub total: String,
    /// Why the line cannot be bought as it is (stock fell since).
    pub warning: Option<String>,
    /// Why the last change to this line was refused.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "shop/cart.html")]
struct CartPage<'a> {
    p: &'a Page,
    lines: Vec<LineView>,
    subtotal: String,
    count: String,
    notice: Option<Notice>,
    csrf_token: String,
    max_quantity: i32,
}

/// A variant's attribute values, as a line shows them: "red · M".
pub fn details(attributes: &Value) -> String {
    attributes
        .as_object()
        .map(|m| {
            m.values()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

fn stock_warning(p: &Page, quantity: i32, available: i32) -> Option<String> {
    if available <= 0 {
        Some(p.t("shop-cart-unavailable"))
    } else if quantity > available {
        Some(p.t1(
            "shop-only-left",
            "count",
            p.fmt.number(i64::from(available)),
        ))
    } else {
        None
    }
}

fn page<'a>(
    p: &'a Page,
    cart: Option<&CartView>,
    notice: Option<Notice>,
    refused: Option<(Uuid, String)>,
) -> CartPage<'a> {
    let currency = cart.and_then(|c| c.currency.clone()).unwrap_or_default();
    let lines = cart
        .map(|c| c.lines.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|l| LineView {
            variant_id: l.variant_id,
            product_id: l.product_id,
            name: l.name.clone(),
            details: details(&l.attributes),
            unit_price: p.fmt.price(l.unit_price_cents, &currency),
            quantity: l.quantity,
            total: p.fmt.price(l.line_total_cents, &currency),
            warning: stock_warning(p, l.quantity, l.available),
            error: refused
                .as_ref()
                .filter(|(id, _)| *id == l.variant_id)
                .map(|(_, e)| e.clone()),
        })
        .collect();
    CartPage {
        p,
        lines,
        subtotal: p.fmt.price(cart.map_or(0, |c| c.subtotal_cents), &currency),
        count: p.t1(
            "shop-cart-count",
            "count",
            p.fmt.number(cart.map_or(0, |c| c.item_count)),
        ),
        notice,
        csrf_token: p.csrf_token(),
        max_quantity: MAX_QUANTITY,
    }
}

/// The visitor's open cart: the one the cookie holds, else a signed-in
/// customer's own (their one open cart, made if they have none), with the
/// cookie that then remembers it.
pub async fn current(
    p: &Page,
    tenant: &CurrentTenant,
    req: &HttpRequest,
) -> Result<(Option<CartView>, Option<Cookie<'static>>), PageError> {
    if let Some(cart) = held::load(req, p).await.map_err(|e| p.fail(e))? {
        return Ok((Some(cart), None));
    }
    let Some(customer) = held::customer_id(p) else {
        return Ok((None, None));
    };
    let cart = tenant
        .run(&p.state, move |conn| {
            let opened = carts::open_cart(conn, Some(customer))?;
            carts::view(conn, opened.id, &CartAccess::new(None, Some(customer)))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let cookie = held::keep(p, cart.id, None);
    Ok((Some(cart), Some(cookie)))
}

fn with_cookie(mut res: HttpResponse, cookie: Option<Cookie<'static>>) -> HttpResponse {
    if let Some(c) = cookie {
        // Only fails for a value that is no header; ours are ASCII.
        let _ = res.add_cookie(&c);
    }
    res
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let (cart, cookie) = current(&p, &tenant, &req).await?;
    let notice = match req.query_string() {
        "added=1" => Some(Notice::ok(p.t("shop-cart-added"))),
        _ => None,
    };
    let res = p.render(&page(&p, cart.as_ref(), notice, None))?;
    Ok(with_cookie(res, cookie))
}

/// Adds to the held cart; a cart that no longer opens (checked out,
/// merged, forged) is replaced by a new one. Answers the cart's id and,
/// when a new cart was opened, what the cookie must hold from now on.
fn add_to(
    conn: &mut PgConnection,
    held: Option<(Held, CartAccess)>,
    customer: Option<Uuid>,
    item: &NewItem,
) -> Result<Option<(Uuid, Option<String>)>, CartError> {
    if let Some((held, access)) = held {
        match carts::add_item(conn, held.id, &access, item) {
            Ok(_) => return Ok(None),
            Err(e) if held::is_gone(&e) => {}
            Err(e) => return Err(e),
        }
    }
    let opened = carts::open_cart(conn, customer)?;
    let access = CartAccess::new(opened.token.as_deref(), customer);
    carts::add_item(conn, opened.id, &access, item)?;
    // A customer's cart opens by their session: no token in the cookie.
    let token = if customer.is_some() {
        None
    } else {
        opened.token
    };
    Ok(Some((opened.id, token)))
}

fn bad_form(p: &Page) -> PageError {
    p.fail(AppError::bad_request(
        "invalid_form",
        "The form's product cannot be read.",
    ))
}

/// POST /shop/cart/items: `product_id`, `variant_id`, `quantity`.
pub async fn add(p: Page, tenant: CurrentTenant, req: HttpRequest, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let product_id = f
        .get("product_id")
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| bad_form(&p))?;
    let variant_id = f.get("variant_id").and_then(|s| Uuid::parse_str(s).ok());
    let mut picked = Picked {
        variant_id,
        quantity: f.raw("quantity"),
        error: None,
    };
    let Some(variant_id) = variant_id else {
        picked.error = Some(p.t("shop-pick-variant"));
        return product::refused(
            &p,
            &tenant,
            product_id,
            picked,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let quantity = f.get("quantity").unwrap_or("1");
    let item = quantity
        .parse::<i64>()
        .map_err(|_| ())
        .and_then(|quantity| {
            NewItem::parse(&AddItemBody {
                variant_id,
                quantity,
            })
            .map_err(|_| ())
        });
    let Ok(item) = item else {
        picked.error = Some(p.t1(
            "shop-quantity-range",
            "max",
            p.fmt.number(i64::from(MAX_QUANTITY)),
        ));
        return product::refused(
            &p,
            &tenant,
            product_id,
            picked,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let customer = held::customer_id(&p);
    let held = Held::of(&req).map(|h| {
        let access = h.access(&p);
        (h, access)
    });
    let added = tenant
        .run(&p.state, move |conn| add_to(conn, held, customer, &item))
        .await;
    match added {
        Ok(opened) => {
            let cookies = opened
                .map(|(id, token)| vec![held::keep(&p, id, token.as_deref())])
                .unwrap_or_default();
            Ok(p.see_other_with("/shop/cart?added=1", cookies))
        }
        Err(e) => {
            let (status, text) = refusal(&p, e)?;
            picked.error = Some(text);
            product::refused(&p, &tenant, product_id, picked, status).await
        }
    }
}

/// The words for a refused change of a line, or the error page for a
/// failure that is not about the line.
fn refusal(p: &Page, e: CartError) -> Result<(StatusCode, String), PageError> {
    match e {
        CartError::InsufficientStock { available, .. } if available <= 0 => {
            Ok((StatusCode::CONFLICT, p.t("shop-out-of-stock")))
        }
        CartError::InsufficientStock { available, .. } => Ok((
            StatusCode::CONFLICT,
            p.t1(
                "shop-only-left",
                "count",
                p.fmt.number(i64::from(available)),
            ),
        )),
        CartError::Validation(_) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            p.t1(
                "shop-quantity-range",
                "max",
                p.fmt.number(i64::from(MAX_QUANTITY)),
            ),
        )),
        CartError::VariantNotFound => Ok((StatusCode::CONFLICT, p.t("shop-cart-unavailable"))),
        CartError::CurrencyMismatch { .. } => {
            Ok((StatusCode::CONFLICT, p.t("shop-currency-mismatch")))
        }
        other => Err(p.fail(other)),
    }
}

enum Change {
    Set(ItemQuantity),
    Remove,
}

/// A change to a line of the held cart; back to the cart page, or the
/// cart page with the refusal beside the line.
async fn change_line(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    variant_id: Uuid,
    change: Change,
) -> PageResult {
    let Some(held) = Held::of(&req) else {
        return Ok(p.see_other("/shop/cart"));
    };
    let access = held.access(&p);
    let id = held.id;
    let done = tenant
        .run(&p.state, move |conn| match change {
            Change::Set(q) => carts::set_quantity(conn, id, &access, variant_id, q),
            Change::Remove => carts::remove_item(conn, id, &access, variant_id),
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/shop/cart")),
        // The line or the cart went away meanwhile: the cart as it is.
        Err(CartError::ItemNotFound) => Ok(p.see_other("/shop/cart")),
        Err(e) if held::is_gone(&e) => Ok(p.see_other_with("/shop/cart", vec![held::forget(&p)])),
        Err(e) => {
            let (status, text) = refusal(&p, e)?;
            refused_line(&p, &tenant, &req, variant_id, text, status).await
        }
    }
}

async fn refused_line(
    p: &Page,
    tenant: &CurrentTenant,
    req: &HttpRequest,
    variant_id: Uuid,
    text: String,
    status: StatusCode,
) -> PageResult {
    let (cart, _) = current(p, tenant, req).await?;
    let notice = Some(Notice::bad(p.t("shop-cart-refused")));
    p.render_status(
        status,
        &page(p, cart.as_ref(), notice, Some((variant_id, text))),
    )
}

fn variant_of(p: &Page, raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| {
        p.fail(AppError::not_found(
            "cart_item_not_found",
            "The cart holds none of this variant.",
        ))
    })
}

/// POST /shop/cart/items/{variant_id}: `quantity`, 0 to remove the line.
pub async fn change(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let variant_id = variant_of(&p, &path)?;
    let raw = f.get("quantity").unwrap_or_default();
    let change = match raw.parse::<i64>() {
        Ok(0) => Some(Change::Remove),
        Ok(n) => ItemQuantity::parse(n).ok().map(Change::Set),
        Err(_) => None,
    };
    let Some(change) = change else {
        let text = p.t1(
            "shop-quantity-range",
            "max",
            p.fmt.number(i64::from(MAX_QUANTITY)),
        );
        return refused_line(
            &p,
            &tenant,
            &req,
            variant_id,
            text,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    change_line(p, tenant, req, variant_id, change).await
}

/// POST /shop/cart/items/{variant_id}/remove.
pub async fn remove(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let variant_id = variant_of(&p, &path)?;
    change_line(p, tenant, req, variant_id, Change::Remove).await
}

//! GET and POST /shop/checkout: the buyer's email, name, phone, shipping
//! address and coupon, posted as a plain form. Each rendering carries its
//! own Idempotency-Key (a hidden field), so a form sent twice places one
//! order. The order is placed by `check_out_and_announce`, the API's
//! operation; then the browser goes to the order's page with a cookie
//! holding the order's tracking token (a guest has no account to see it
//! by), scoped to that page.

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use kernel::error::AppError;
use stores::carts::{self as carts, CartAccess, CartStatus, CartView};
use stores::checkout::{
    self, CheckoutBody, CheckoutError, CheckoutInput, CheckoutKey, CheckoutRequest, ShortLine,
};
use uuid::Uuid;

use super::cart::{self, details};
use super::checkout_form::{self, countries, CountryChoice, FieldErrors, FieldView, Typed};
use super::held::{self, Held};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// The cookie that lets this browser see the order it placed.
pub const ORDER_COOKIE: &str = "order_token";
/// About as long as anyone follows a parcel.
const ORDER_COOKIE_DAYS: i64 = 90;

pub struct SummaryLine {
    /// "2 × Mug".
    pub label: String,
    pub details: String,
    pub total: String,
}

#[derive(Template)]
#[template(path = "shop/checkout.html")]
struct CheckoutPage<'a> {
    p: &'a Page,
    lines: Vec<SummaryLine>,
    subtotal: String,
    typed: Typed,
    errors: FieldErrors,
    countries: Vec<CountryChoice>,
    notice: Option<Notice>,
    /// Lines the stock no longer covers, named.
    short: Vec<String>,
    idempotency_key: String,
    csrf_token: String,
}

impl CheckoutPage<'_> {
    fn contact(&self) -> Vec<FieldView> {
        checkout_form::contact(self.p, &self.typed, &self.errors)
    }

    fn address(&self) -> Vec<FieldView> {
        checkout_form::address(self.p, &self.typed, &self.errors)
    }
}

fn page<'a>(p: &'a Page, cart: &CartView, typed: Typed) -> CheckoutPage<'a> {
    let currency = cart.currency.clone().unwrap_or_default();
    CheckoutPage {
        p,
        lines: cart
            .lines
            .iter()
            .map(|l| SummaryLine {
                label: p.t2(
                    "shop-times",
                    ("quantity", &p.fmt.number(i64::from(l.quantity))),
                    ("name", &l.name),
                ),
                details: details(&l.attributes),
                total: p.fmt.price(l.line_total_cents, &currency),
            })
            .collect(),
        subtotal: p.fmt.price(cart.subtotal_cents, &currency),
        countries: countries(&typed),
        typed,
        errors: FieldErrors::default(),
        notice: None,
        short: Vec::new(),
        idempotency_key: Uuid::new_v4().to_string(),
        csrf_token: p.csrf_token(),
    }
}

/// The cookie that opens order `id`'s page for whoever placed it.
fn order_cookie(p: &Page, id: Uuid, token: &str) -> Cookie<'static> {
    Cookie::build(ORDER_COOKIE, token.to_string())
        .path(format!("/shop/orders/{id}"))
        .max_age(time::Duration::days(ORDER_COOKIE_DAYS))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(p.secure_cookies())
        .finish()
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let (cart, _) = cart::current(&p, &tenant, &req).await?;
    match cart {
        Some(cart) if !cart.lines.is_empty() => {
            let typed = Typed::of_account(p.customer());
            p.render(&page(&p, &cart, typed))
        }
        _ => Ok(p.see_other("/shop/cart")),
    }
}

/// "Mug (red) — 3 asked, 1 left" for each short line.
fn short_lines(p: &Page, cart: &CartView, short: &[ShortLine]) -> Vec<String> {
    short
        .iter()
        .map(|s| {
            let line = cart.lines.iter().find(|l| l.variant_id == s.variant_id);
            let name = line.map_or_else(|| s.sku.clone(), |l| l.name.clone());
            let d = line.map(|l| details(&l.attributes)).unwrap_or_default();
            let name = if d.is_empty() {
                name
            } else {
                format!("{name} ({d})")
            };
            p.t2(
                "shop-checkout-short-line",
                ("name", &name),
                ("available", &p.fmt.number(i64::from(s.available))),
            )
        })
        .collect()
}

pub async fn submit(
    p: Page,
    tenant: CurrentTenant,
    req: HttpRequest,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    // The cart the cookie names, open or not: a form sent twice finds the
    // first one's order through its key, though the cart is closed now.
    let held = match Held::of(&req) {
        Some(h) => Some((h.id, h.access(&p))),
        None => cart::current(&p, &tenant, &req)
            .await?
            .0
            .map(|c| (c.id, CartAccess::new(None, held::customer_id(&p)))),
    };
    let Some((cart_id, access)) = held else {
        return Ok(p.see_other("/shop/cart"));
    };
    let typed = Typed::from_form(&f);
    let raw = typed.body();
    let body: CheckoutBody = serde_json::from_value(raw.clone()).map_err(|e| {
        p.fail(AppError::bad_request(
            "invalid_form",
            format!("The form cannot be read: {e}."),
        ))
    })?;
    let input = match CheckoutInput::parse(&body) {
        Ok(input) => input,
        Err(e) => return refused(&p, &tenant, (cart_id, access), typed, e).await,
    };
    let idempotency_key = f
        .get("idempotency_key")
        .map(|k| CheckoutKey::parse(k, cart_id, &raw))
        .transpose()
        .map_err(|e| p.fail(e))?;
    let site = RequestSite::of(&req).map_err(|e| p.fail(e.0))?.0;
    let request = CheckoutRequest {
        cart_id,
        access: access.clone(),
        input,
        idempotency_key,
        hold_minutes: p.state.settings.stores.order_hold_minutes,
    };
    let placed = tenant
        .run(&p.state, move |conn| {
            checkout::check_out_and_announce(conn, &site, &request)
        })
        .await;
    match placed {
        Ok(order) => Ok(p.see_other_with(
            &format!("/shop/orders/{}", order.id),
            vec![
                held::forget(&p),
                order_cookie(&p, order.id, &order.tracking_token),
            ],
        )),
        Err(e) => refused(&p, &tenant, (cart_id, access), typed, e).await,
    }
}

/// Back to the cart, forgetting a cart that can no longer be checked out.
fn to_cart(p: &Page) -> PageResult {
    Ok(p.see_other_with("/shop/cart", vec![held::forget(p)]))
}

/// The form again, saying why nothing was ordered; a cart that can no
/// longer be checked out sends the browser back to the cart.
async fn refused(
    p: &Page,
    tenant: &CurrentTenant,
    (cart_id, access): (Uuid, CartAccess),
    typed: Typed,
    e: CheckoutError,
) -> PageResult {
    let cart = match tenant
        .run(&p.state, move |conn| carts::view(conn, cart_id, &access))
        .await
    {
        Ok(cart) if cart.status == CartStatus::Open && !cart.lines.is_empty() => cart,
        Ok(_) => return to_cart(p),
        Err(e) if held::is_gone(&e) => return to_cart(p),
        Err(e) => return Err(p.fail(e)),
    };
    let mut page = page(p, &cart, typed);
    let status = match e {
        CheckoutError::OutOfStock(short) => {
            page.short = short_lines(p, &cart, &short);
            page.notice = Some(Notice::bad(p.t("shop-checkout-short")));
            StatusCode::CONFLICT
        }
        CheckoutError::IdempotencyKeyReused => {
            page.notice = Some(Notice::bad(p.t("shop-checkout-resent")));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        other => {
            let e = AppError::from(other);
            match e.code {
                "validation_failed" => {
                    page.errors = FieldErrors::of(p, &e.errors);
                    page.notice = Some(Notice::bad(p.t("shop-checkout-check")));
                }
                "coupon_not_applicable" | "coupon_exhausted" | "coupon_limit_reached" => {
                    page.errors
                        .set("coupon", p.t(&format!("shop-error-{}", e.code)));
                    page.notice = Some(Notice::bad(p.t("shop-checkout-check")));
                }
                "cart_not_found" | "cart_checked_out" | "cart_merged" | "cart_empty" => {
                    return to_cart(p);
                }
                "currency_mismatch" | "total_too_large" | "insufficient_stock" => {
                    page.notice = Some(Notice::bad(p.t("shop-checkout-cart-changed")));
                }
                _ => return Err(p.fail(e)),
            }
            e.status
        }
    };
    p.render_status(status, &page)
}

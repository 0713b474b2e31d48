//! On a product's page: POST /admin/shop/products/{id}/variants adds a
//! variant, POST .../variants/{variant}/stock adds or takes away units
//! (a delivery, a count) through the catalog's `adjust_stock`, which
//! never lets the stock go below zero. Success goes back to the product's
//! page (303); a refusal is that page with the message by the form.

use actix_web::web;
use stores::catalog::variants::{self, NewVariant};

use super::super::super::staff_or_answer;
use super::super::amount;
use super::super::id_of;
use super::super::refuse::{checked, refusal, Refusal};
use super::attrs;
use super::page::{self, render, Context, Retry, Stored};
use super::variant_typed::{VariantErrors, VariantTyped};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Page, PageResult};

fn again(p: &Page, ctx: &Context, stored: &Stored, typed: VariantTyped, r: Refusal) -> PageResult {
    let errors = VariantErrors::of(p, &r, &typed);
    let retry = Retry {
        variant: Some((typed, errors)),
        ..Retry::default()
    };
    render(p, r.status, Some(r.notice), ctx, Some(stored), retry)
}

/// POST /admin/shop/products/{id}/variants
pub async fn create(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "product_not_found")?;
    let (ctx, stored) = page::load(&p, &tenant, id, None).await?;
    let typed = VariantTyped::from_form(&f, &attrs::held(&stored.attrs, true));
    let (body, unread) = typed.body();
    let new = match checked(&p, NewVariant::parse(body), &unread)? {
        Ok(new) => new,
        Err(r) => return again(&p, &ctx, &stored, typed, r),
    };
    let done = tenant
        .run(&p.state, move |conn| variants::create(conn, id, &new))
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/shop/products/{id}?variant=1#variants"))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &ctx, &stored, typed, r)
        }
    }
}

/// POST /admin/shop/products/{id}/variants/{variant}/stock: `delta`, such
/// as `12` or `-3`.
pub async fn stock(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (raw_id, raw_variant) = path.into_inner();
    let id = id_of(&p, &raw_id, "product_not_found")?;
    let variant = id_of(&p, &raw_variant, "variant_not_found")?;
    let (ctx, stored) = page::load(&p, &tenant, id, None).await?;
    if !stored.product.variants.iter().any(|v| v.id == variant) {
        return Err(p.fail(stores::catalog::CatalogError::NotFound(
            stores::catalog::Missing::Variant,
        )));
    }
    let typed = f.raw("delta");
    let refused = |r: Refusal, message: String| {
        let retry = Retry {
            stock: Some((variant, typed.clone(), message)),
            ..Retry::default()
        };
        render(&p, r.status, Some(r.notice), &ctx, Some(&stored), retry)
    };
    let delta = match amount::whole(&typed).map(variants::delta) {
        Some(Ok(delta)) => delta,
        _ => {
            let r = Refusal::local(&p, &["delta"]);
            return refused(r, p.t("admin-shop-error-delta"));
        }
    };
    let done = tenant
        .run(&p.state, move |conn| {
            variants::adjust_stock(conn, variant, delta)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/shop/products/{id}?stock=1#variants"))),
        Err(e) => {
            let r = refusal(&p, e)?;
            let message = if r.code == "insufficient_stock" {
                r.notice.text.clone()
            } else {
                p.t("admin-shop-error-delta")
            };
            refused(r, message)
        }
    }
}

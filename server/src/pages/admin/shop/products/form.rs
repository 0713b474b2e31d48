//! A product's form: /admin/shop/products/new (its category first, then
//! the form with that category's attributes), POST /admin/shop/products
//! to add it within the plan's limit, /admin/shop/products/{id} to see
//! and change it, and its deletion behind a ticked box. The values go
//! through the catalog's own parsing and operations, as the API's do.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use stores::catalog::products::{self, NewProduct, ProductChanges};
use stores::catalog::{CatalogError, CategoryNode};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::tree;
use super::super::ui::Field;
use super::super::{flag, id_of, locale, param, shop_currency};
use super::attrs;
use super::page::{self, render, Context, Retry, Stored};
use super::typed::{Errors, Typed};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// The first step of a new product: which category it goes in.
#[derive(Template)]
#[template(path = "admin/shop/product_new.html")]
struct ChoosePage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    notice: Option<Notice>,
    category: Option<Field>,
}

fn choose(p: &Page, tree: &[CategoryNode]) -> PageResult {
    let category = (!tree.is_empty()).then(|| {
        Field::select(
            "category",
            p.t("admin-shop-product-category"),
            "",
            tree::options(tree, None),
        )
        .hint(p.t("admin-shop-product-category-first"))
    });
    p.render(&ChoosePage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Products),
        notice: None,
        category,
    })
}

/// GET /admin/shop/products/new[?category=]
pub async fn new_form(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let category = Uuid::parse_str(param(&req, "category").trim()).ok();
    let lang = locale(&p);
    let (ctx, currency) = tenant
        .run(&p.state, move |conn| {
            let ctx = page::context(conn, category, lang)?;
            Ok::<_, CatalogError>((ctx, shop_currency(conn)?))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let known = category.filter(|c| tree::flatten(&ctx.tree).iter().any(|f| f.id == *c));
    let Some(category) = known else {
        return choose(&p, &ctx.tree);
    };
    let retry = Retry {
        product: Some((Typed::blank(category, &currency), Errors::default())),
        ..Retry::default()
    };
    render(&p, StatusCode::OK, None, &ctx, None, retry)
}

/// The form again after a refusal, with what was typed.
fn again(p: &Page, ctx: &Context, stored: Option<&Stored>, typed: Typed, r: Refusal) -> PageResult {
    let errors = Errors::of(p, &r, &typed);
    let retry = Retry {
        product: Some((typed, errors)),
        ..Retry::default()
    };
    render(p, r.status, Some(r.notice), ctx, stored, retry)
}

/// The category the form names, to show its attributes.
fn posted_category(f: &Form) -> Option<Uuid> {
    Uuid::parse_str(f.raw("category_id").trim()).ok()
}

/// POST /admin/shop/products: adds the product, then 303 to its page
/// (where its variants are added).
pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let lang = locale(&p);
    let category = posted_category(&f);
    let ctx = tenant
        .run(&p.state, move |conn| page::context(conn, category, lang))
        .await
        .map_err(|e| p.fail(e))?;
    let typed = Typed::from_form(&f, attrs::read(&f, &attrs::held(&ctx.attrs, false)));
    let read = typed.read();
    let new = match checked(&p, NewProduct::parse(typed.body(&read)), &read.unread)? {
        Ok(new) => new,
        Err(r) => return again(&p, &ctx, None, typed, r),
    };
    let tenant_id = tenant.id;
    let done = tenant
        .run(&p.state, move |conn| {
            products::create(conn, tenant_id, lang, &new)
        })
        .await;
    match done {
        Ok(product) => Ok(p.see_other(&format!("/admin/shop/products/{}?created=1", product.id))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &ctx, None, typed, r)
        }
    }
}

/// The notice a redirect to the product's page asked for.
fn notice(p: &Page, req: &HttpRequest) -> Option<Notice> {
    [
        ("created", "admin-shop-product-created"),
        ("saved", "admin-saved"),
        ("variant", "admin-shop-variant-added"),
        ("variant_saved", "admin-shop-variant-saved"),
        ("variant_deleted", "admin-shop-variant-deleted"),
        ("stock", "admin-shop-stock-changed"),
    ]
    .iter()
    .find(|(name, _)| flag(req, name))
    .map(|(_, key)| Notice::ok(p.t(key)))
}

/// GET /admin/shop/products/{id}
pub async fn edit(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "product_not_found")?;
    let (ctx, stored) = page::load(&p, &tenant, id, None).await?;
    let notice = notice(&p, &req);
    render(
        &p,
        StatusCode::OK,
        notice,
        &ctx,
        Some(&stored),
        Retry::default(),
    )
}

/// POST /admin/shop/products/{id}: every field of the form; 303 back.
pub async fn update(
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
    let (ctx, stored) = page::load(&p, &tenant, id, posted_category(&f)).await?;
    let typed = Typed::from_form(&f, attrs::read(&f, &attrs::held(&ctx.attrs, false)));
    let read = typed.read();
    let patch = typed.patch(&read, &stored.product.translations);
    let changes = match checked(&p, ProductChanges::parse(patch), &read.unread)? {
        Ok(changes) => changes,
        Err(r) => return again(&p, &ctx, Some(&stored), typed, r),
    };
    let lang = locale(&p);
    let done = tenant
        .run(&p.state, move |conn| {
            products::update(conn, id, lang, &changes)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/shop/products/{id}?saved=1"))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &ctx, Some(&stored), typed, r)
        }
    }
}

/// POST /admin/shop/products/{id}/delete with `confirm` ticked: the
/// product and its variants go (orders keep their own copy); 303 to the
/// list. Without the box: the page again, the message beside it.
pub async fn delete(
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
    if !f.checked("confirm") {
        let (ctx, stored) = page::load(&p, &tenant, id, None).await?;
        let retry = Retry {
            delete: Some(p.t("admin-shop-error-confirm")),
            ..Retry::default()
        };
        let notice = Some(Notice::bad(p.t("admin-shop-check-fields")));
        return render(
            &p,
            StatusCode::UNPROCESSABLE_ENTITY,
            notice,
            &ctx,
            Some(&stored),
            retry,
        );
    }
    tenant
        .run(&p.state, move |conn| products::delete(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other("/admin/shop/products?deleted=1"))
}

//! /admin/shop/products/{id}/variants/{variant}: one variant's form (SKU,
//! its own price or the product's, the values it differs by, on sale or
//! not) and its deletion behind a ticked box. Its stock changes on the
//! product's page, by deltas, so a count never overwrites a sale.

use actix_web::http::StatusCode;
use actix_web::web;
use askama::Template;
use stores::catalog::variants::{self, VariantChanges};
use stores::catalog::{CatalogError, Missing, VariantView};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::id_of;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::attrs;
use super::page::{self, Stored};
use super::variant_typed::{VariantErrors, VariantForm, VariantTyped};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageError, PageResult};

#[derive(Template)]
#[template(path = "admin/shop/variant.html")]
struct VariantPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    product_id: Uuid,
    product: String,
    id: Uuid,
    title: String,
    stock: String,
    form: VariantForm,
    delete_error: Option<String>,
}

/// The product with this variant of it; anything else is the 404 page.
async fn load(
    p: &Page,
    tenant: &CurrentTenant,
    id: Uuid,
    variant: Uuid,
) -> Result<(Stored, VariantView), PageError> {
    let (_, stored) = page::load(p, tenant, id, None).await?;
    let found = stored
        .product
        .variants
        .iter()
        .find(|v| v.id == variant)
        .cloned()
        .ok_or_else(|| p.fail(CatalogError::NotFound(Missing::Variant)))?;
    Ok((stored, found))
}

fn ids(p: &Page, path: (String, String)) -> Result<(Uuid, Uuid), PageError> {
    Ok((
        id_of(p, &path.0, "product_not_found")?,
        id_of(p, &path.1, "variant_not_found")?,
    ))
}

struct Shown {
    typed: VariantTyped,
    errors: VariantErrors,
    delete_error: Option<String>,
}

fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    stored: &Stored,
    v: &VariantView,
    shown: Shown,
) -> PageResult {
    let held = attrs::held(&stored.attrs, true);
    let page = VariantPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Products),
        csrf_token: p.csrf_token(),
        notice,
        product_id: stored.product.id,
        product: stored.product.display_name.clone(),
        id: v.id,
        title: p.t1("admin-shop-variant-title", "sku", &v.sku),
        stock: p.fmt.number(i64::from(v.stock)),
        form: VariantForm::of(p, &held, shown.typed, shown.errors, false, ""),
        delete_error: shown.delete_error,
    };
    p.render_status(status, &page)
}

/// GET /admin/shop/products/{id}/variants/{variant}
pub async fn edit(p: Page, tenant: CurrentTenant, path: web::Path<(String, String)>) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (id, variant) = ids(&p, path.into_inner())?;
    let (stored, v) = load(&p, &tenant, id, variant).await?;
    let shown = Shown {
        typed: VariantTyped::of(&v, &p),
        errors: VariantErrors::default(),
        delete_error: None,
    };
    render(&p, StatusCode::OK, None, &stored, &v, shown)
}

/// POST /admin/shop/products/{id}/variants/{variant}: 303 to the product.
pub async fn update(
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
    let (id, variant) = ids(&p, path.into_inner())?;
    let (stored, v) = load(&p, &tenant, id, variant).await?;
    let typed = VariantTyped::from_form(&f, &attrs::held(&stored.attrs, true));
    let again = |typed: VariantTyped, r: Refusal| {
        let shown = Shown {
            errors: VariantErrors::of(&p, &r, &typed),
            typed,
            delete_error: None,
        };
        render(&p, r.status, Some(r.notice), &stored, &v, shown)
    };
    let (patch, unread) = typed.patch();
    let changes = match checked(&p, VariantChanges::parse(patch), &unread)? {
        Ok(changes) => changes,
        Err(r) => return again(typed, r),
    };
    let done = tenant
        .run(&p.state, move |conn| {
            variants::update(conn, variant, &changes)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!(
            "/admin/shop/products/{id}?variant_saved=1#variants"
        ))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(typed, r)
        }
    }
}

/// POST /admin/shop/products/{id}/variants/{variant}/delete with
/// `confirm` ticked; orders keep their own copy of what was bought.
pub async fn delete(
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
    let (id, variant) = ids(&p, path.into_inner())?;
    let (stored, v) = load(&p, &tenant, id, variant).await?;
    if !f.checked("confirm") {
        let shown = Shown {
            typed: VariantTyped::of(&v, &p),
            errors: VariantErrors::default(),
            delete_error: Some(p.t("admin-shop-error-confirm")),
        };
        let notice = Some(Notice::bad(p.t("admin-shop-check-fields")));
        return render(
            &p,
            StatusCode::UNPROCESSABLE_ENTITY,
            notice,
            &stored,
            &v,
            shown,
        );
    }
    tenant
        .run(&p.state, move |conn| variants::delete(conn, variant))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other(&format!(
        "/admin/shop/products/{id}?variant_deleted=1#variants"
    )))
}

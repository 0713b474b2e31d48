//! /admin/shop/categories/{id}/attributes/{code}: an attribute the
//! category defines (an inherited one is changed where it is defined):
//! its form, and its deletion behind a ticked box, which the catalog
//! refuses while variants still differ by it.

use actix_web::http::StatusCode;
use actix_web::web;
use askama::Template;
use stores::catalog::attributes::{self, AttributeChanges, AttributeView};
use stores::catalog::{CatalogError, Missing};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::{id_of, locale};
use super::attribute_typed::{kind_label, AttrErrors, AttrForm, AttrTyped};
use super::page::{load, Loaded};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageError, PageResult};

#[derive(Template)]
#[template(path = "admin/shop/attribute.html")]
struct AttributePage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    category_id: Uuid,
    category: String,
    title: String,
    code: String,
    kind: String,
    variant: bool,
    form: AttrForm,
    delete_error: Option<String>,
}

/// The category and its own attribute `code`; anything else is 404.
async fn own(
    p: &Page,
    tenant: &CurrentTenant,
    id: Uuid,
    code: &str,
) -> Result<(Loaded, AttributeView), PageError> {
    let loaded = load(p, tenant, id).await?;
    let found = loaded
        .attrs
        .iter()
        .find(|a| a.code == code && !a.inherited)
        .cloned()
        .ok_or_else(|| p.fail(CatalogError::NotFound(Missing::Attribute)))?;
    Ok((loaded, found))
}

fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    l: &Loaded,
    a: &AttributeView,
    form: (AttrTyped, AttrErrors),
    delete_error: Option<String>,
) -> PageResult {
    let page = AttributePage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Categories),
        csrf_token: p.csrf_token(),
        notice,
        category_id: l.detail.category.id,
        category: l.detail.category.display_name.clone(),
        title: a.display_name.clone(),
        code: a.code.clone(),
        kind: kind_label(p, a.kind),
        variant: a.variant,
        form: AttrForm::of(p, form.0, form.1, false),
        delete_error,
    };
    p.render_status(status, &page)
}

/// GET /admin/shop/categories/{id}/attributes/{code}
pub async fn edit(p: Page, tenant: CurrentTenant, path: web::Path<(String, String)>) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (raw_id, code) = path.into_inner();
    let id = id_of(&p, &raw_id, "category_not_found")?;
    let (loaded, a) = own(&p, &tenant, id, &code).await?;
    let form = (AttrTyped::of(&a), AttrErrors::default());
    render(&p, StatusCode::OK, None, &loaded, &a, form, None)
}

/// POST /admin/shop/categories/{id}/attributes/{code}: 303 to the
/// category's page.
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
    let (raw_id, code) = path.into_inner();
    let id = id_of(&p, &raw_id, "category_not_found")?;
    let (loaded, a) = own(&p, &tenant, id, &code).await?;
    let typed = AttrTyped::from_form(&f, Some(&a));
    let again = |typed: AttrTyped, r: Refusal| {
        let errors = AttrErrors::of(&p, &r);
        render(
            &p,
            r.status,
            Some(r.notice),
            &loaded,
            &a,
            (typed, errors),
            None,
        )
    };
    let (position, unread) = typed.position();
    // Checked here first, so the page's own refusals and the catalog's
    // show at once; the operation checks the same again.
    let parsed = AttributeChanges::parse(typed.patch(position, &a.translations), a.kind);
    if let Err(r) = checked(&p, parsed, &unread)? {
        return again(typed, r);
    }
    let patch = typed.patch(position, &a.translations);
    let lang = locale(&p);
    let code_for = code.clone();
    let done = tenant
        .run(&p.state, move |conn| {
            attributes::update(conn, id, &code_for, lang, patch)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!(
            "/admin/shop/categories/{id}?attr_saved=1#attributes"
        ))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(typed, r)
        }
    }
}

/// POST /admin/shop/categories/{id}/attributes/{code}/delete with
/// `confirm` ticked. A product attribute's values leave the products; a
/// variant attribute is refused while variants carry it.
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
    let (raw_id, code) = path.into_inner();
    let id = id_of(&p, &raw_id, "category_not_found")?;
    let (loaded, a) = own(&p, &tenant, id, &code).await?;
    let (status, notice, delete_error) = if f.checked("confirm") {
        let done = tenant
            .run(&p.state, move |conn| attributes::delete(conn, id, &code))
            .await;
        match done {
            Ok(()) => {
                return Ok(p.see_other(&format!(
                    "/admin/shop/categories/{id}?attr_deleted=1#attributes"
                )))
            }
            Err(e) => {
                let r = refusal(&p, e)?;
                (r.status, r.notice, None)
            }
        }
    } else {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Notice::bad(p.t("admin-shop-check-fields")),
            Some(p.t("admin-shop-error-confirm")),
        )
    };
    let form = (AttrTyped::of(&a), AttrErrors::default());
    render(&p, status, Some(notice), &loaded, &a, form, delete_error)
}

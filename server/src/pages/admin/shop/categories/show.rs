//! /admin/shop/categories/{id}: the category's page; POST renames,
//! translates, re-orders and moves it (with its whole branch) through the
//! catalog's `update`, which refuses a move under itself or one of its
//! subcategories; POST .../delete removes it (with its attributes),
//! refused while subcategories or products are in it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use stores::catalog::categories::{self, CategoryChanges};

use super::super::super::staff_or_answer;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::{flag, id_of, locale};
use super::page::{load, render, Loaded, Retry};
use super::typed::{Errors, Typed};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// The notice a redirect to the category's page asked for.
fn notice(p: &Page, req: &HttpRequest) -> Option<Notice> {
    [
        ("created", "admin-shop-category-created"),
        ("saved", "admin-saved"),
        ("attr_added", "admin-shop-attribute-added"),
        ("attr_saved", "admin-shop-attribute-saved"),
        ("attr_deleted", "admin-shop-attribute-deleted"),
    ]
    .iter()
    .find(|(name, _)| flag(req, name))
    .map(|(_, key)| Notice::ok(p.t(key)))
}

/// GET /admin/shop/categories/{id}
pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "category_not_found")?;
    let loaded = load(&p, &tenant, id).await?;
    render(
        &p,
        StatusCode::OK,
        notice(&p, &req),
        &loaded,
        Retry::default(),
    )
}

fn again(p: &Page, l: &Loaded, typed: Typed, r: Refusal) -> PageResult {
    let errors = Errors::of(p, &r);
    let retry = Retry {
        category: Some((typed, errors)),
        ..Retry::default()
    };
    render(p, r.status, Some(r.notice), l, retry)
}

/// POST /admin/shop/categories/{id}: every field of the form; 303 back.
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
    let id = id_of(&p, &path, "category_not_found")?;
    let loaded = load(&p, &tenant, id).await?;
    let typed = Typed::from_form(&f);
    let read = typed.read();
    let patch = typed.patch(&read, &loaded.detail.category.translations);
    let changes = match checked(&p, CategoryChanges::parse(patch), &read.unread)? {
        Ok(changes) => changes,
        Err(r) => return again(&p, &loaded, typed, r),
    };
    let lang = locale(&p);
    let done = tenant
        .run(&p.state, move |conn| {
            categories::update(conn, id, lang, &changes)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/shop/categories/{id}?saved=1"))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &loaded, typed, r)
        }
    }
}

/// POST /admin/shop/categories/{id}/delete with `confirm` ticked; 303 to
/// the tree. Still in use: the page again with what is in it.
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
    let id = id_of(&p, &path, "category_not_found")?;
    let refused = if f.checked("confirm") {
        let done = tenant
            .run(&p.state, move |conn| categories::delete(conn, id))
            .await;
        match done {
            Ok(()) => return Ok(p.see_other("/admin/shop/categories?deleted=1")),
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
    let (status, notice, delete) = refused;
    let loaded = load(&p, &tenant, id).await?;
    let retry = Retry {
        delete,
        ..Retry::default()
    };
    render(&p, status, Some(notice), &loaded, retry)
}

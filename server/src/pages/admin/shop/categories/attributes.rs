//! POST /admin/shop/categories/{id}/attributes: adds an attribute to the
//! category (its subcategories inherit it) through the catalog's
//! `create`, which keeps codes unique along the branch; 303 back to the
//! category's page, or that page with the form as typed.

use actix_web::web;
use stores::catalog::attributes::{self, NewAttribute};

use super::super::super::staff_or_answer;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::{id_of, locale};
use super::attribute_typed::{AttrErrors, AttrTyped};
use super::page::{load, render, Loaded, Retry};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Page, PageResult};

fn again(p: &Page, l: &Loaded, typed: AttrTyped, r: Refusal) -> PageResult {
    let errors = AttrErrors::of(p, &r);
    let retry = Retry {
        attr: Some((typed, errors)),
        ..Retry::default()
    };
    render(p, r.status, Some(r.notice), l, retry)
}

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
    let id = id_of(&p, &path, "category_not_found")?;
    let loaded = load(&p, &tenant, id).await?;
    let typed = AttrTyped::from_form(&f, None);
    let (position, unread) = typed.position();
    let new = match checked(&p, NewAttribute::parse(typed.body(position)), &unread)? {
        Ok(new) => new,
        Err(r) => return again(&p, &loaded, typed, r),
    };
    let lang = locale(&p);
    let done = tenant
        .run(&p.state, move |conn| {
            attributes::create(conn, id, lang, &new)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!(
            "/admin/shop/categories/{id}?attr_added=1#attributes"
        ))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &loaded, typed, r)
        }
    }
}

//! GET /admin/shop/categories: the tree as an indented list (each with
//! its products on sale), and the form to add a category; POST adds one
//! through the catalog's `create`, then 303 to the category's page (where
//! its attributes are added).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use stores::catalog::categories::{self, NewCategory};
use stores::catalog::CategoryNode;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::tree::{self, Flat};
use super::super::{flag, locale, param};
use super::typed::{CategoryForm, Errors, Typed};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageResult};

#[derive(Template)]
#[template(path = "admin/shop/categories.html")]
struct CategoriesPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    nodes: Vec<Flat>,
    counts: Vec<String>,
    form: CategoryForm,
}

async fn tree_of(
    p: &Page,
    tenant: &CurrentTenant,
) -> Result<Vec<CategoryNode>, crate::pages::layer::PageError> {
    let lang = locale(p);
    tenant
        .run(&p.state, move |conn| categories::tree(conn, lang))
        .await
        .map_err(|e| p.fail(e))
}

fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    tree: &[CategoryNode],
    typed: Typed,
    errors: Errors,
) -> PageResult {
    let nodes = tree::flatten(tree);
    let page = CategoriesPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Categories),
        csrf_token: p.csrf_token(),
        notice,
        counts: nodes
            .iter()
            .map(|n| {
                p.t1(
                    "admin-shop-category-products",
                    "count",
                    p.fmt.number(n.count),
                )
            })
            .collect(),
        nodes,
        form: CategoryForm::of(p, tree, typed, errors, "new-"),
    };
    p.render_status(status, &page)
}

/// GET /admin/shop/categories[?parent=]: `parent` picks the new
/// category's parent (the link from a category's page).
pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let tree = tree_of(&p, &tenant).await?;
    let notice = flag(&req, "deleted").then(|| Notice::ok(p.t("admin-shop-category-deleted")));
    let typed = Typed {
        parent: param(&req, "parent"),
        ..Typed::blank()
    };
    render(&p, StatusCode::OK, notice, &tree, typed, Errors::default())
}

/// The page again after a refusal, with what was typed.
async fn again(p: &Page, tenant: &CurrentTenant, typed: Typed, r: Refusal) -> PageResult {
    let tree = tree_of(p, tenant).await?;
    let errors = Errors::of(p, &r);
    render(p, r.status, Some(r.notice), &tree, typed, errors)
}

/// POST /admin/shop/categories
pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let typed = Typed::from_form(&f);
    let read = typed.read();
    let new = match checked(&p, NewCategory::parse(typed.body(&read)), &read.unread)? {
        Ok(new) => new,
        Err(r) => return again(&p, &tenant, typed, r).await,
    };
    let lang = locale(&p);
    let done = tenant
        .run(&p.state, move |conn| categories::create(conn, lang, &new))
        .await;
    match done {
        Ok(c) => Ok(p.see_other(&format!("/admin/shop/categories/{}?created=1", c.id))),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &tenant, typed, r).await
        }
    }
}

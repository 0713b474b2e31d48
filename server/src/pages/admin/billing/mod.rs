//! /admin/billing: the site's plan and where it stands with it, what the
//! plan allows and how much of it is used, the invoices with their PDFs,
//! and (for the owner) the other plans with a button to pay for one at the
//! provider's checkout. Owner and admins only; the role is checked on
//! every request.

mod checkout;
mod invoice;
mod view;

use actix_web::{web, HttpRequest};
use askama::Template;

use super::admin_or_answer;
use super::nav::{self, NavLink, Section};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageResult};
use view::{Loaded, Shown};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/billing", web::get().to(show))
        .route("/admin/billing/checkout", web::post().to(checkout::submit))
        .route(
            "/admin/billing/invoices/{id}.pdf",
            web::get().to(invoice::pdf),
        );
}

#[derive(Template)]
#[template(path = "admin/billing/show.html")]
struct BillingPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    notice: Option<Notice>,
    s: Shown,
    /// The owner alone may change the plan: admins see no buttons.
    owner: bool,
}

fn page(p: &Page, l: Loaded, owner: bool, notice: Option<Notice>) -> BillingPage<'_> {
    BillingPage {
        p,
        nav: nav::links(p, Section::Billing),
        csrf_token: p.csrf_token(),
        notice,
        s: view::shown(p, l),
        owner,
    }
}

/// Where the provider's checkout sends the browser back: a word about it.
fn returned(p: &Page, req: &HttpRequest) -> Option<Notice> {
    let query = req.query_string();
    if query.split('&').any(|q| q == "billing=success") {
        Some(Notice::ok(p.t("admin-billing-returned-success")))
    } else if query.split('&').any(|q| q == "billing=cancel") {
        Some(Notice {
            text: p.t("admin-billing-returned-cancel"),
            kind: "",
        })
    } else {
        None
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let user = match admin_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let l = view::load(&p, &tenant).await?;
    let notice = returned(&p, &req);
    let owner = user.role == identity::Role::Owner;
    let mut res = p.render(&page(&p, l, owner, notice))?;
    if owner {
        checkout::allow_checkout(&mut res);
    }
    Ok(res)
}

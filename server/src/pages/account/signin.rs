//! Signing in on the pages, for customers (/account/login) and staff
//! (/admin/login), and signing out. Sign-in is identity's `login`, the
//! JSON API's, with its rate limits and its one answer for every wrong
//! address or password; the session it starts goes into the cookie.

use actix_web::{web, HttpRequest};
use askama::Template;
use identity::input::{AccountKind, LoginBody};
use identity::session;
use identity::views::TokenPair;

use super::forms::{FieldErrors, Notice, Refusal};
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{session as cookie, Form, Page, PageResult};

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginPage<'a> {
    p: &'a Page,
    title_key: &'static str,
    action: &'static str,
    /// Customers may register and reset here; staff have their own ways.
    customer: bool,
    csrf_token: String,
    email: String,
    notice: Option<Notice>,
    errors: FieldErrors,
}

/// Which sign-in page: its account kind, form and destination. The
/// destination is fixed here, never taken from the request, so a sign-in
/// cannot be turned into a redirect to another site.
#[derive(Clone, Copy)]
pub struct Door {
    kind: AccountKind,
    title_key: &'static str,
    action: &'static str,
    then: &'static str,
}

pub const CUSTOMER: Door = Door {
    kind: AccountKind::Customer,
    title_key: "account-login-title",
    action: "/account/login",
    then: "/account",
};

pub const STAFF: Door = Door {
    kind: AccountKind::Staff,
    title_key: "admin-login-title",
    action: "/admin/login",
    then: "/admin/calendar",
};

fn page<'a>(p: &'a Page, door: Door, email: String) -> LoginPage<'a> {
    LoginPage {
        p,
        title_key: door.title_key,
        action: door.action,
        customer: door.kind == AccountKind::Customer,
        csrf_token: p.csrf_token(),
        email,
        notice: None,
        errors: FieldErrors::default(),
    }
}

pub async fn form(p: &Page, door: Door) -> PageResult {
    p.render(&page(p, door, String::new()))
}

pub async fn submit(
    p: &Page,
    door: Door,
    tenant: &CurrentTenant,
    client: ClientAddr,
    req: &HttpRequest,
    body: &web::Bytes,
) -> PageResult {
    let f = Form::parse(body);
    p.check_csrf(f.csrf_token())?;
    let email = f.raw("email");
    let login = LoginBody {
        email: email.clone(),
        password: f.raw("password"),
        account: Some(door.kind),
    };
    match session::login(&p.state.auth(), tenant, client.0, login).await {
        Ok(tokens) => sign_in(p, req, &tokens, door.then).await,
        Err(e) => {
            let refusal = Refusal::of(p, e)?;
            let mut page = page(p, door, email);
            page.notice = refusal.notice;
            page.errors = refusal.errors;
            p.render_status(refusal.status, &page)
        }
    }
}

/// After a sign-in: the session the browser held before (another account
/// perhaps) is signed out, the new one goes into a fresh cookie with a
/// fresh CSRF cookie, and the browser goes to `then`, one of our paths.
pub async fn sign_in(p: &Page, req: &HttpRequest, tokens: &TokenPair, then: &str) -> PageResult {
    if let Err(e) = cookie::end(p, req).await {
        tracing::warn!(error = %e, "the previous page session was not signed out");
    }
    let mut cookies = cookie::signed_in(p, tokens);
    // A guest's cart goes into the customer's own.
    cookies.extend(crate::pages::shop::merge::at_sign_in(p, req, &tokens.refresh_token).await);
    Ok(p.see_other_with(then, cookies))
}

pub async fn customer_form(p: Page, _tenant: CurrentTenant) -> PageResult {
    form(&p, CUSTOMER).await
}

pub async fn customer_submit(
    p: Page,
    tenant: CurrentTenant,
    client: ClientAddr,
    req: HttpRequest,
    body: web::Bytes,
) -> PageResult {
    submit(&p, CUSTOMER, &tenant, client, &req, &body).await
}

/// POST /account/logout (and /admin/logout): signs the session out on the
/// server, whoever it belongs to, and removes the cookie.
pub async fn logout(
    p: Page,
    _tenant: CurrentTenant,
    req: HttpRequest,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    cookie::end(&p, &req).await.map_err(|e| p.fail(e))?;
    let then = if req.path().starts_with("/admin") {
        "/admin/login"
    } else {
        "/"
    };
    Ok(p.see_other_with(then, vec![cookie::removal(&p)]))
}

/// Why a signed-in page is not shown, and where the browser goes instead.
#[derive(Debug, Clone, Copy)]
pub enum Denied {
    /// Nobody (or a dead session) is signed in: the sign-in page.
    SignIn(&'static str),
    /// Someone is, but this is not theirs: another part of the site.
    Elsewhere(&'static str),
    /// Someone is, and this is not for them: the 403 page.
    Forbidden,
}

impl Denied {
    pub fn answer(self, p: &Page) -> PageResult {
        match self {
            Denied::SignIn(to) | Denied::Elsewhere(to) => Ok(p.see_other(to)),
            Denied::Forbidden => Err(p.fail(kernel::error::AppError::forbidden(
                "forbidden_role",
                "Only the site's owner, admins and staff may open the back office.",
            ))),
        }
    }
}

/// A page for signed-in customers only: the customer, or, for anyone
/// else, the sign-in page (nobody) or the back office (staff).
pub fn customer_or_redirect(p: &Page) -> Result<&identity::page_session::Holder, Denied> {
    match (&p.who, p.customer()) {
        (_, Some(h)) => Ok(h),
        (Some(_), None) => Err(Denied::Elsewhere("/admin")),
        (None, None) => Err(Denied::SignIn("/account/login")),
    }
}

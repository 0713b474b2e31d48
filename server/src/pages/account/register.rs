//! /account/register and the mailed link's /account/confirm. Registering
//! answers the same page for every address (the mail tells a known
//! address it has an account). The link's page only shows a button: mail
//! scanners follow links, so a GET must not use the token up; the button's
//! POST opens the account and signs it in.

use actix_web::{web, HttpRequest};
use askama::Template;
use customers::accounts as registration;
use identity::input::{RegisterBody, TokenBody};
use identity::AuthError;

use super::forms::{FieldErrors, Message, MessagePage, Notice, Refusal};
use super::signin::sign_in;
use crate::extract::{ClientAddr, CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Page, PageResult};

#[derive(Template)]
#[template(path = "account/register.html")]
struct RegisterPage<'a> {
    p: &'a Page,
    csrf_token: String,
    name: String,
    email: String,
    marketing: bool,
    notice: Option<Notice>,
    errors: FieldErrors,
}

fn page<'a>(p: &'a Page, f: Option<&Form>) -> RegisterPage<'a> {
    RegisterPage {
        p,
        csrf_token: p.csrf_token(),
        name: f.map(|f| f.raw("name")).unwrap_or_default(),
        email: f.map(|f| f.raw("email")).unwrap_or_default(),
        marketing: f.is_some_and(|f| f.checked("marketing_consent")),
        notice: None,
        errors: FieldErrors::default(),
    }
}

pub async fn form(p: Page, _tenant: CurrentTenant) -> PageResult {
    p.render(&page(&p, None))
}

pub async fn submit(
    p: Page,
    _tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let email = f.raw("email").trim().to_string();
    let request = RegisterBody {
        email: email.clone(),
        password: f.raw("password"),
        name: f.raw("name"),
        marketing_consent: f.checked("marketing_consent"),
    };
    match registration::register(&p.state.auth(), &site, client.0, request).await {
        Ok(()) => p.render(&MessagePage {
            p: &p,
            title: p.t("account-sent-title"),
            text: p.t1("account-sent-text", "email", &email),
            link: None,
        }),
        Err(e) => {
            let refusal = Refusal::of(&p, e)?;
            let mut page = page(&p, Some(&f));
            page.notice = refusal.notice;
            page.errors = refusal.errors;
            p.render_status(refusal.status, &page)
        }
    }
}

#[derive(Template)]
#[template(path = "account/confirm.html")]
struct ConfirmPage<'a> {
    p: &'a Page,
    csrf_token: String,
    token: String,
}

/// The token from the query, only when it can be one of ours.
fn token_of(raw: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap_or_default();
    pairs
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
        .filter(|t| identity::secrets::hash_presented(t).is_some())
}

fn dead_link(p: &Page) -> PageResult {
    let page = MessagePage {
        p,
        title: p.t("account-confirm-title"),
        text: p.t("account-link-invalid"),
        link: Some(Message {
            href: "/account/register",
            label: p.t("account-register-again"),
        }),
    };
    p.render_status(actix_web::http::StatusCode::BAD_REQUEST, &page)
}

pub async fn confirm_page(p: Page, _tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let Some(token) = token_of(req.query_string()) else {
        return dead_link(&p);
    };
    p.render(&ConfirmPage {
        csrf_token: p.csrf_token(),
        p: &p,
        token,
    })
}

pub async fn confirm(
    p: Page,
    _tenant: CurrentTenant,
    site: RequestSite,
    req: HttpRequest,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let token = f.get("token").unwrap_or_default().to_string();
    match registration::confirm(&p.state.auth(), &site, TokenBody { token }).await {
        Ok(registered) => sign_in(&p, &req, &registered.tokens, "/account").await,
        Err(AuthError::InvalidSignupLink) => dead_link(&p),
        Err(e) => Err(p.fail(e)),
    }
}

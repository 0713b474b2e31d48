//! Password reset: /account/reset asks for the mail (the same page
//! whatever the address), the mail links to /reset-password?token=, whose
//! form sets the new password through identity's `confirm_reset`, which
//! signs the account out everywhere. Its GET only shows the form: the
//! token is used by the POST.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use identity::input::{AccountKind, ResetConfirmBody, ResetRequestBody};
use identity::{recovery, AuthError};

use super::forms::{FieldErrors, Message, MessagePage, Notice, Refusal};
use crate::extract::{ClientAddr, CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Page, PageResult};

#[derive(Template)]
#[template(path = "account/reset.html")]
struct RequestPage<'a> {
    p: &'a Page,
    csrf_token: String,
    email: String,
    notice: Option<Notice>,
    errors: FieldErrors,
}

pub async fn request_form(p: Page, _tenant: CurrentTenant) -> PageResult {
    p.render(&RequestPage {
        csrf_token: p.csrf_token(),
        p: &p,
        email: String::new(),
        notice: None,
        errors: FieldErrors::default(),
    })
}

pub async fn request(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    client: ClientAddr,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let email = f.raw("email").trim().to_string();
    let asked = ResetRequestBody {
        email: email.clone(),
        account: Some(AccountKind::Customer),
    };
    match recovery::request_reset(&p.state.auth(), &tenant, &site, client.0, asked).await {
        Ok(()) => p.render(&MessagePage {
            p: &p,
            title: p.t("account-sent-title"),
            text: p.t1("account-reset-sent-text", "email", &email),
            link: None,
        }),
        Err(e) => {
            let refusal = Refusal::of(&p, e)?;
            p.render_status(
                refusal.status,
                &RequestPage {
                    csrf_token: p.csrf_token(),
                    p: &p,
                    email,
                    notice: refusal.notice,
                    errors: refusal.errors,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "account/new_password.html")]
struct PasswordPage<'a> {
    p: &'a Page,
    csrf_token: String,
    token: String,
    notice: Option<Notice>,
    errors: FieldErrors,
}

fn dead_link(p: &Page) -> PageResult {
    let page = MessagePage {
        p,
        title: p.t("account-new-password-title"),
        text: p.t("account-link-invalid"),
        link: Some(Message {
            href: "/account/reset",
            label: p.t("account-reset-again"),
        }),
    };
    p.render_status(StatusCode::BAD_REQUEST, &page)
}

pub async fn password_form(p: Page, _tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    let token = pairs
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
        .filter(|t| identity::secrets::hash_presented(t).is_some());
    let Some(token) = token else {
        return dead_link(&p);
    };
    p.render(&PasswordPage {
        csrf_token: p.csrf_token(),
        p: &p,
        token,
        notice: None,
        errors: FieldErrors::default(),
    })
}

pub async fn set_password(
    p: Page,
    tenant: CurrentTenant,
    client: ClientAddr,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let token = f.get("token").unwrap_or_default().to_string();
    let confirm = ResetConfirmBody {
        token: token.clone(),
        password: f.raw("password"),
    };
    match recovery::confirm_reset(&p.state.auth(), &tenant, client.0, confirm).await {
        Ok(()) => p.render(&MessagePage {
            p: &p,
            title: p.t("account-password-changed-title"),
            text: p.t("account-password-changed-text"),
            link: Some(Message {
                href: "/account/login",
                label: p.t("account-login-title"),
            }),
        }),
        Err(AuthError::InvalidResetToken) => dead_link(&p),
        Err(e) => {
            let refusal = Refusal::of(&p, e)?;
            p.render_status(
                refusal.status,
                &PasswordPage {
                    csrf_token: p.csrf_token(),
                    p: &p,
                    token,
                    notice: refusal.notice,
                    errors: refusal.errors,
                },
            )
        }
    }
}

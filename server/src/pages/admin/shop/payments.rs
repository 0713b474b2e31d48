//! /admin/shop/payments (owners and admins): how the shop's customers
//! pay, manually (cash on delivery, a transfer: staff mark orders paid)
//! or by card through the provider, its secret key (written, never shown
//! back: only its last four characters), and the instructions a buyer
//! reads for a manual payment. The webhook's signing secret is shown once,
//! on the page that answers the first setting or a rotation, with the URL
//! to give the provider, as the API's answer shows it once.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use stores::payments::settings::{self, NewSettings, ProviderKind, SettingsBody, SettingsView};

use super::super::admin_or_answer;
use super::super::nav::{self, NavLink, Section};
use super::flag;
use super::refuse::{refusal, Refusal};
use super::tabs::{self, Tab, TabLink};
use super::ui::{Check, Field, Opt};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// At most what the library keeps.
const MAX_API_KEY_CHARS: usize = 255;
const MAX_INSTRUCTIONS_CHARS: usize = 2000;

/// A new webhook secret, on the one page that ever shows it.
pub struct Secret {
    pub secret: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "admin/shop/payments.html")]
struct PaymentsPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    provider: Field,
    api_key: Field,
    instructions: Field,
    rotate: Option<Check>,
    secret: Option<Secret>,
    /// Where the provider sends its events.
    webhook_url: String,
}

/// What was typed (the key never comes back into the form).
struct Typed {
    provider: String,
    instructions: String,
}

fn webhook_url(site: &RequestSite) -> String {
    format!("{}/api/v1/payments/webhook", site.base_url)
}

fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    view: &SettingsView,
    typed: Typed,
    refused: Option<Refusal>,
    url: String,
) -> PageResult {
    let said = |field: &str, key: &str| refused.as_ref().filter(|r| r.has(field)).map(|_| p.t(key));
    let providers = ProviderKind::ALL
        .iter()
        .map(|k| {
            Opt::new(
                k.as_str(),
                p.t(&format!("admin-shop-provider-{}", k.as_str())),
            )
        })
        .collect();
    let key_hint = match &view.api_key_last4 {
        Some(last4) => p.t1("admin-shop-payments-key-set", "last4", last4),
        None => p.t("admin-shop-payments-key-none"),
    };
    let page = PaymentsPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Payments),
        csrf_token: p.csrf_token(),
        notice: None,
        provider: Field::select(
            "provider",
            p.t("admin-shop-payments-provider"),
            typed.provider,
            providers,
        )
        .hint(p.t("admin-shop-payments-provider-hint"))
        .error(said("provider", "admin-shop-error-provider")),
        api_key: Field::text("api_key", p.t("admin-shop-payments-key"), "")
            .kind("password")
            .ltr()
            .max(MAX_API_KEY_CHARS)
            .auto("new-password")
            .hint(key_hint)
            .error(said("api_key", "admin-shop-error-api-key")),
        instructions: Field::area(
            "instructions",
            p.t("admin-shop-payments-instructions"),
            typed.instructions,
            4,
        )
        .max(MAX_INSTRUCTIONS_CHARS)
        .hint(p.t("admin-shop-payments-instructions-hint"))
        .error(said("instructions", "admin-shop-error-instructions")),
        rotate: view.webhook_secret_set.then(|| {
            Check::new("rotate", p.t("admin-shop-payments-rotate"), false)
                .hint(p.t("admin-shop-payments-rotate-hint"))
        }),
        secret: None,
        webhook_url: url,
    };
    let mut page = page;
    page.notice = notice.or(refused.map(|r| r.notice));
    if let Some(secret) = &view.webhook_secret {
        page.secret = Some(Secret {
            secret: secret.clone(),
            url: page.webhook_url.clone(),
        });
    }
    p.render_status(status, &page)
}

fn stored(view: &SettingsView) -> Typed {
    Typed {
        provider: view.provider.as_str().into(),
        instructions: view.instructions.clone().unwrap_or_default(),
    }
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    req: HttpRequest,
) -> PageResult {
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let view = tenant
        .run(&p.state, settings::show)
        .await
        .map_err(|e| p.fail(e))?;
    let notice = flag(&req, "saved").then(|| Notice::ok(p.t("admin-saved")));
    let typed = stored(&view);
    render(
        &p,
        StatusCode::OK,
        notice,
        &view,
        typed,
        None,
        webhook_url(&site),
    )
}

/// POST /admin/shop/payments: a blank key keeps the one there is. A
/// first setting or a rotation answers with the page that shows the new
/// webhook secret (not a redirect: it is the only place it ever shows);
/// any other change goes back to the form (303).
pub async fn save(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let typed = Typed {
        provider: f.raw("provider"),
        instructions: f.raw("instructions"),
    };
    let parsed = NewSettings::parse(SettingsBody {
        provider: typed.provider.clone(),
        api_key: f.get("api_key").map(str::to_string),
        instructions: Some(f.get("instructions").map(str::to_string)),
        rotate_webhook_secret: Some(f.checked("rotate")),
    });
    let done = match parsed {
        Ok(new) => {
            tenant
                .run(&p.state, move |conn| settings::set(conn, &new))
                .await
        }
        Err(e) => Err(e),
    };
    match done {
        Ok(view) if view.webhook_secret.is_some() => {
            let notice = Some(Notice::ok(p.t("admin-saved")));
            let typed = stored(&view);
            render(
                &p,
                StatusCode::OK,
                notice,
                &view,
                typed,
                None,
                webhook_url(&site),
            )
        }
        Ok(_) => Ok(p.see_other("/admin/shop/payments?saved=1")),
        Err(e) => {
            let r = refusal(&p, e)?;
            let view = tenant
                .run(&p.state, settings::show)
                .await
                .map_err(|e| p.fail(e))?;
            let url = webhook_url(&site);
            render(&p, r.status, None, &view, typed, Some(r), url)
        }
    }
}

//! POST /admin/billing/checkout: the owner chooses a plan (`plan=<code>`)
//! and is sent (303) to the provider's hosted checkout, the same operation
//! as the API's checkout session. A refusal (payments not set up, the
//! provider failing, an unknown plan) is the billing page again with its
//! status and a notice in the page's language.

use actix_web::http::header::{HeaderValue, CONTENT_SECURITY_POLICY};
use actix_web::web;
use billing::checkout;
use billing::provider::HttpProvider;
use identity::Role;
use kernel::error::AppError;

use super::super::admin_or_answer;
use super::{page, view};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::headers::CONTENT_SECURITY_POLICY as PAGE_POLICY;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// The page's policy with forms allowed to end at any https address: the
/// checkout form's answer redirects to the provider's own site, and
/// browsers hold a form's redirects to `form-action` too.
pub fn policy_for_checkout() -> Option<HeaderValue> {
    let policy = PAGE_POLICY.replace("form-action 'self'", "form-action 'self' https:");
    HeaderValue::from_str(&policy).ok()
}

pub fn allow_checkout(res: &mut actix_web::HttpResponse) {
    if let Some(policy) = policy_for_checkout() {
        res.headers_mut().insert(CONTENT_SECURITY_POLICY, policy);
    }
}

async fn open(
    p: &Page,
    tenant: &CurrentTenant,
    site: RequestSite,
    code: String,
) -> Result<String, AppError> {
    // Not configured is told before the plan is looked at, as the API does.
    let provider = HttpProvider::from_settings(&p.state.settings.billing)?;
    let plan = kernel::db::run(&p.state.pool, move |conn| {
        checkout::plan_to_buy(conn, &code)
    })
    .await?;
    let slug = tenant.slug.clone();
    let site_url = site.base_url.clone();
    // The provider is called off the async workers, with no database
    // connection held while it answers.
    web::block(move || checkout::open(&provider, &plan, &slug, &site_url))
        .await
        .map_err(|e| AppError::internal(format!("checkout task failed: {e}")))?
        .map_err(AppError::from)
}

pub async fn submit(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let user = match admin_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    if user.role != Role::Owner {
        return Err(p.fail(AppError::forbidden(
            "owner_only",
            "Only the site's owner may change its plan.",
        )));
    }
    let e = match open(&p, &tenant, site, f.raw("plan")).await {
        // The provider's address, from the operator's provider: not one
        // the browser gave.
        Ok(url) => return Ok(p.see_other(&url)),
        Err(e) => e,
    };
    let key = match e.status.as_u16() {
        422 => "admin-billing-error-plan",
        502 => "admin-billing-error-provider",
        503 => "admin-billing-error-not-configured",
        _ => return Err(p.fail(e)),
    };
    if let Some(cause) = &e.internal {
        tracing::error!(code = e.code, cause = %cause, "checkout failed");
    }
    let l = view::load(&p, &tenant).await?;
    let mut res = p.render_status(e.status, &page(&p, l, true, Some(Notice::bad(p.t(key)))))?;
    allow_checkout(&mut res);
    Ok(res)
}

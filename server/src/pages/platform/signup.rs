//! /signup on the platform's host: a business signs up in the browser as
//! the API's POST /signup does, and lands signed in on its new site's back
//! office. The session crosses from the platform's host to the new site's
//! through a single-use code (layer::handoff), since cookies are host-only.

use actix_web::{web, HttpRequest};
use askama::Template;
use billing::signup::{CheckedSignup, SignupBody};
use kernel::db;

use crate::api::signup::{limit_signups, run_signup};
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{handoff, Feedback, Form, Page, PageResult};

/// A plan as the form offers it.
pub struct PlanChoice {
    pub code: String,
    pub name: String,
    pub price: String,
    pub trial: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "platform/signup.html")]
struct SignupPage<'a> {
    p: &'a Page,
    csrf_token: String,
    base_domain: String,
    business_name: String,
    slug: String,
    name: String,
    email: String,
    plans: Vec<PlanChoice>,
    feedback: Feedback,
}

async fn page<'a>(
    p: &'a Page,
    f: Option<&Form>,
) -> Result<SignupPage<'a>, crate::pages::layer::PageError> {
    let plans = db::run(&p.state.pool, |conn| Ok(billing::list_plans(conn)?))
        .await
        .map_err(|e| p.fail(e))?;
    let chosen = f
        .map(|f| f.raw("plan"))
        .filter(|c| plans.iter().any(|p| &p.code == c))
        .unwrap_or_else(|| tenancy::provision::DEFAULT_PLAN.to_string());
    let plans = plans
        .iter()
        .map(|plan| PlanChoice {
            checked: plan.code == chosen,
            code: plan.code.clone(),
            name: plan.name.clone(),
            price: p.t1(
                &format!("signup-per-{}", plan.interval.as_str()),
                "price",
                p.fmt.price(plan.price_cents, &plan.currency),
            ),
            trial: if plan.trial_days > 0 {
                p.t1(
                    "signup-trial-days",
                    "days",
                    p.fmt.number(i64::from(plan.trial_days)),
                )
            } else {
                String::new()
            },
        })
        .collect();
    let raw = |name: &str| f.map(|f| f.raw(name)).unwrap_or_default();
    Ok(SignupPage {
        p,
        csrf_token: p.csrf_token(),
        base_domain: p.state.settings.base_domain.clone(),
        business_name: raw("business_name"),
        slug: raw("slug"),
        name: raw("name"),
        email: raw("email"),
        plans,
        feedback: Feedback::default(),
    })
}

/// Sign-up belongs to the platform's host; a tenant's site has none.
fn platform_only(p: &Page, req: &HttpRequest) -> Result<(), crate::pages::layer::PageError> {
    match CurrentTenant::extract_now(req) {
        Ok(_) => Err(p.fail(kernel::error::AppError::not_found(
            "route_not_found",
            "There is no such page.",
        ))),
        Err(_) => Ok(()),
    }
}

pub async fn form(p: Page, req: HttpRequest) -> PageResult {
    platform_only(&p, &req)?;
    let page = page(&p, None).await?;
    p.render(&page)
}

pub async fn submit(p: Page, req: HttpRequest, client: ClientAddr, body: web::Bytes) -> PageResult {
    platform_only(&p, &req)?;
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let body = SignupBody {
        business_name: f.raw("business_name"),
        slug: f.raw("slug").trim().to_lowercase(),
        email: f.raw("email"),
        password: f.raw("password"),
        name: f.raw("name"),
        plan: Some(f.raw("plan")).filter(|p| !p.is_empty()),
    };
    let done = match CheckedSignup::parse(body) {
        Ok(checked) => match limit_signups(&p.state, client).await {
            Ok(()) => run_signup(&p.state, &req, checked).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match done {
        Ok(made) => {
            let code = handoff::park(&p.state.redis, &made.tokens.refresh_token)
                .await
                .map_err(|e| p.fail(e))?;
            // An address we built from the new tenant's slug, never one posted.
            Ok(p.see_other(&format!("{}/welcome?code={code}", made.admin_url)))
        }
        Err(e) => {
            let (status, feedback) = p.refusal(e)?;
            let mut page = page(&p, Some(&f)).await?;
            page.feedback = feedback;
            p.render_status(status, &page)
        }
    }
}

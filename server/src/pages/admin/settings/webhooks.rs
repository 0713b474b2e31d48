//! /admin/webhooks: the site's webhook endpoints (URL, events, created),
//! a form to add one (its signing secret is shown once, on the page that
//! answers the creation, as the API's answer shows it) and a delete
//! button with a confirmation box per endpoint. The URL and event rules
//! are the operation's (`NewEndpoint::parse`), the same as the API's.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use chrono_tz::Tz;
use diesel::PgConnection;
use kernel::error::AppError;
use notify::guarded_http::AddressPolicy;
use notify::webhooks::{endpoints, Endpoint, NewEndpoint};
use uuid::Uuid;

use super::super::admin_or_answer;
use super::super::nav::{self, NavLink, Section};
use super::Input;
use crate::extract::CurrentTenant;
use crate::pages::layer::{Feedback, Form, Notice, Page, PageError, PageResult};

pub struct Row {
    pub id: Uuid,
    pub url: String,
    pub events: String,
    pub created: String,
    /// The refusal of this row's delete form (its box was not ticked).
    pub delete_error: Option<String>,
}

pub struct EventBox {
    pub name: &'static str,
    /// The form field: one per event, as the form layer keeps one value
    /// per name.
    pub field: String,
    pub checked: bool,
}

/// A new endpoint's secret, on the one page that ever shows it.
pub struct Created {
    pub url: String,
    pub secret: String,
}

#[derive(Template)]
#[template(path = "admin/settings/webhooks.html")]
struct WebhooksPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    notice: Option<Notice>,
    rows: Vec<Row>,
    url: Input,
    events: Vec<EventBox>,
    events_error: Option<String>,
    created: Option<Created>,
}

/// What the form shows: blank with every event ticked, or what was posted.
struct Posted {
    url: String,
    events: Option<Vec<String>>,
}

impl Posted {
    fn blank() -> Posted {
        Posted {
            url: String::new(),
            events: None,
        }
    }

    fn of(p: &Page, f: &Form) -> Posted {
        Posted {
            url: f.raw("url"),
            events: Some(
                p.state
                    .events
                    .names()
                    .iter()
                    .filter(|name| f.checked(&event_field(name)))
                    .map(|name| name.to_string())
                    .collect(),
            ),
        }
    }
}

fn event_field(name: &str) -> String {
    format!("event-{name}")
}

struct Loaded {
    endpoints: Vec<Endpoint>,
    tz: Tz,
}

fn load(conn: &mut PgConnection) -> Result<Loaded, AppError> {
    let endpoints = endpoints::list(conn)?;
    // Dates in the site's own time zone, as everywhere in the back office.
    let tz = bookings::settings::get(conn)?.tz();
    Ok(Loaded { endpoints, tz })
}

async fn loaded(p: &Page, tenant: &CurrentTenant) -> Result<Loaded, PageError> {
    tenant.run(&p.state, load).await.map_err(|e| p.fail(e))
}

/// The page; `refused` is the delete form that was refused, if any.
fn page<'a>(
    p: &'a Page,
    l: Loaded,
    posted: Posted,
    fb: Feedback,
    refused: Option<Uuid>,
) -> WebhooksPage<'a> {
    let rows = l
        .endpoints
        .into_iter()
        .map(|e| Row {
            id: e.id,
            url: e.url,
            events: e.events.join(", "),
            created: p
                .fmt
                .full_date(e.created_at.with_timezone(&l.tz).date_naive()),
            delete_error: (refused == Some(e.id))
                .then(|| p.t("admin-settings-webhooks-delete-confirm-needed")),
        })
        .collect();
    let events = p
        .state
        .events
        .names()
        .iter()
        .map(|name| EventBox {
            name,
            field: event_field(name),
            checked: posted
                .events
                .as_ref()
                .is_none_or(|chosen| chosen.iter().any(|c| c == name)),
        })
        .collect();
    WebhooksPage {
        p,
        nav: nav::links(p, Section::Webhooks),
        csrf_token: p.csrf_token(),
        rows,
        url: Input::of(p, &fb, "url", posted.url),
        events,
        events_error: fb
            .invalid("events")
            .then(|| p.t("admin-settings-error-events")),
        created: None,
        notice: fb.notice,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let l = loaded(&p, &tenant).await?;
    let fb = if req.query_string().split('&').any(|q| q == "deleted=1") {
        Feedback::done(p.t("admin-settings-webhooks-deleted"))
    } else {
        Feedback::default()
    };
    p.render(&page(&p, l, Posted::blank(), fb, None))
}

/// POST /admin/webhooks: `url` and one `event-<name>` box per event.
/// Answers with the page itself (not a redirect): it is the only place
/// the new endpoint's signing secret is ever shown.
pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let posted = Posted::of(&p, &f);
    // As the API's create: a URL to a refused address is refused now;
    // names are checked again at each delivery.
    let policy = AddressPolicy::from_settings(&p.state.settings);
    let parsed = NewEndpoint::parse(&posted.url, posted.events.clone(), &p.state.events, &policy);
    let max = p.state.settings.webhook_max_endpoints_per_tenant;
    let tenant_id = tenant.id;
    let done = match parsed {
        Ok(new) => {
            tenant
                .run(&p.state, move |conn| {
                    billing::require_feature(conn, tenant_id, billing::Feature::Webhooks)?;
                    endpoints::create(conn, new, max)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match done {
        Ok((endpoint, secret)) => {
            let l = loaded(&p, &tenant).await?;
            let fb = Feedback::done(p.t("admin-settings-webhooks-created"));
            let mut shown = page(&p, l, Posted::blank(), fb, None);
            shown.created = Some(Created {
                url: endpoint.url,
                secret,
            });
            p.render_status(StatusCode::CREATED, &shown)
        }
        Err(e) => {
            let (status, fb) = p.refusal(e)?;
            let l = loaded(&p, &tenant).await?;
            p.render_status(status, &page(&p, l, posted, fb, None))
        }
    }
}

/// POST /admin/webhooks/{id}/delete with its `confirm` box ticked; 303
/// back to the list. Without the box: the list again, 422, the message
/// beside that endpoint's box, and nothing deleted.
pub async fn delete(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = Uuid::parse_str(&path).map_err(|_| {
        p.fail(AppError::not_found(
            "webhook_not_found",
            "There is no such webhook endpoint.",
        ))
    })?;
    if !f.checked("confirm") {
        let l = loaded(&p, &tenant).await?;
        let mut fb = Feedback::default();
        fb.notice = Some(Notice::bad(p.t("book-errors-intro")));
        return p.render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&p, l, Posted::blank(), fb, Some(id)),
        );
    }
    tenant
        .run(&p.state, move |conn| endpoints::remove(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other("/admin/webhooks?deleted=1"))
}

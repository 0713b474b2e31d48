//! /admin/services/new and /admin/services/{id}: a service's form, to add
//! one or to change it, and its deletion (soft, as the API's: past
//! bookings keep pointing at it) behind a ticked confirmation box.

use actix_web::http::StatusCode;
use actix_web::web;
use askama::Template;
use bookings::services::categories::{self, Category};
use bookings::services::{self, Listing, NewService, Service, ServiceChanges};
use bookings::BookingError;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::fields::{choices, Choice, Errors, Typed};
use super::{schedules, service_id};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// When a tenant has no service yet to take it from.
const FALLBACK_CURRENCY: &str = "EUR";

#[derive(Template)]
#[template(path = "admin/services/form.html")]
struct FormPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    /// None for a new service.
    id: Option<Uuid>,
    title: String,
    action: String,
    typed: Typed,
    errors: Errors,
    categories: Vec<Choice>,
    csrf_token: String,
    notice: Option<Notice>,
}

/// What the form needs besides the typed values.
struct Context {
    categories: Vec<Category>,
    /// The currency a new service gets when the field is left blank.
    currency: String,
}

fn context(conn: &mut diesel::PgConnection) -> Result<Context, BookingError> {
    let categories = categories::list(conn)?;
    // The currency the tenant already prices in, so a new service's
    // price is in the same one unless the person says otherwise.
    let currency = services::list(conn, Listing::All)?
        .into_iter()
        .next()
        .map_or_else(|| FALLBACK_CURRENCY.to_string(), |s| s.currency);
    Ok(Context {
        categories,
        currency,
    })
}

fn render(
    p: &Page,
    status: StatusCode,
    id: Option<Uuid>,
    ctx: &Context,
    typed: Typed,
    errors: Errors,
    notice: Option<Notice>,
) -> PageResult {
    let (title, action) = match id {
        Some(id) => (
            p.t("admin-services-edit-title"),
            format!("/admin/services/{id}"),
        ),
        None => (
            p.t("admin-services-new-title"),
            "/admin/services".to_string(),
        ),
    };
    let page = FormPage {
        p,
        nav: nav::links(p, Section::Services),
        id,
        title,
        action,
        categories: choices(p, &ctx.categories, &typed.category),
        typed,
        errors,
        csrf_token: p.csrf_token(),
        notice,
    };
    p.render_status(status, &page)
}

/// The form again after a refusal: 422 (or what the operation said),
/// the notice above, the messages beside the fields.
fn refused(p: &Page, id: Option<Uuid>, ctx: &Context, typed: Typed, e: BookingError) -> PageResult {
    let (status, mut fb) = p.refusal(e)?;
    let errors = Errors::refused(p, &fb);
    render(p, status, id, ctx, typed, errors, fb.notice.take())
}

fn unreadable(
    p: &Page,
    id: Option<Uuid>,
    ctx: &Context,
    typed: Typed,
    errors: Errors,
) -> PageResult {
    let notice = Some(Notice::bad(p.t("book-errors-intro")));
    render(
        p,
        StatusCode::UNPROCESSABLE_ENTITY,
        id,
        ctx,
        typed,
        errors,
        notice,
    )
}

/// GET /admin/services/new
pub async fn new_form(p: Page, tenant: CurrentTenant) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let ctx = tenant.run(&p.state, context).await.map_err(|e| p.fail(e))?;
    let typed = Typed::blank(&ctx.currency);
    render(
        &p,
        StatusCode::OK,
        None,
        &ctx,
        typed,
        Errors::default(),
        None,
    )
}

/// POST /admin/services: creates the service, then 303 to the list.
pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let ctx = tenant.run(&p.state, context).await.map_err(|e| p.fail(e))?;
    let typed = Typed::from_form(&f);
    let checked = match typed.check(&p, &ctx.currency) {
        Ok(c) => c,
        Err(errors) => return unreadable(&p, None, &ctx, typed, *errors),
    };
    let new = match NewService::parse(checked.body()) {
        Ok(n) => n,
        Err(e) => return refused(&p, None, &ctx, typed, e),
    };
    let schedules = schedules(&p, &tenant);
    let tenant_id = tenant.id;
    let done = tenant
        .run(&p.state, move |conn| {
            services::create(conn, tenant_id, &schedules, &new)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/admin/services?saved=1")),
        Err(e) => refused(&p, None, &ctx, typed, e),
    }
}

fn load(conn: &mut diesel::PgConnection, id: Uuid) -> Result<(Service, Context), BookingError> {
    Ok((services::get(conn, id)?, context(conn)?))
}

/// GET /admin/services/{id}
pub async fn edit_form(p: Page, tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = service_id(&p, &path)?;
    let (service, ctx) = tenant
        .run(&p.state, move |conn| load(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    let typed = Typed::of(&service, &p);
    render(
        &p,
        StatusCode::OK,
        Some(id),
        &ctx,
        typed,
        Errors::default(),
        None,
    )
}

/// POST /admin/services/{id}: changes every field of the form (the
/// metadata stays), then 303 to the list.
pub async fn update(
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
    let id = service_id(&p, &path)?;
    // Also a 404 page, before any form, for a service that is gone.
    let (_, ctx) = tenant
        .run(&p.state, move |conn| load(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    let typed = Typed::from_form(&f);
    let checked = match typed.check(&p, &ctx.currency) {
        Ok(c) => c,
        Err(errors) => return unreadable(&p, Some(id), &ctx, typed, *errors),
    };
    let changes = match ServiceChanges::parse(checked.patch()) {
        Ok(c) => c,
        Err(e) => return refused(&p, Some(id), &ctx, typed, e),
    };
    let schedules = schedules(&p, &tenant);
    let done = tenant
        .run(&p.state, move |conn| {
            services::update(conn, &schedules, id, &changes)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/admin/services?saved=1")),
        Err(e) => refused(&p, Some(id), &ctx, typed, e),
    }
}

/// POST /admin/services/{id}/delete: with `confirm` ticked, the API's
/// soft delete, then 303 to the list; without it, the service's page
/// again with a message beside the box (422), nothing deleted.
pub async fn delete(
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
    let id = service_id(&p, &path)?;
    if !f.checked("confirm") {
        let (service, ctx) = tenant
            .run(&p.state, move |conn| load(conn, id))
            .await
            .map_err(|e| p.fail(e))?;
        let errors = Errors {
            confirm: Some(p.t("admin-services-error-confirm")),
            ..Errors::default()
        };
        return unreadable(&p, Some(id), &ctx, Typed::of(&service, &p), errors);
    }
    let schedules = schedules(&p, &tenant);
    tenant
        .run(&p.state, move |conn| services::remove(conn, &schedules, id))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other("/admin/services?deleted=1"))
}

//! POST /admin/categories (add), /admin/categories/{id} (rename, move)
//! and /admin/categories/{id}/delete: the API's category operations from
//! the forms on the services page. Success goes back to that page (303);
//! a refused form is that page again with the message beside the field.
//! Deleting a category keeps its services, without a category.

use actix_web::http::StatusCode;
use actix_web::web;
use bookings::services::categories::{self, CategoryBody, CategoryChanges, NewCategory};
use bookings::BookingError;
use uuid::Uuid;

use super::super::staff_or_answer;
use super::list::{render, Draft, Retry};
use super::{amount, category_id, schedules};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// The form's values, read into the API's body; a field that cannot be
/// read is marked in the draft instead.
fn read(p: &Page, f: &Form) -> Result<CategoryBody, Draft> {
    let mut draft = Draft {
        name: f.raw("name"),
        position: f.raw("position"),
        ..Draft::default()
    };
    if f.get("name").is_none() {
        draft.name_error = Some(p.t("admin-services-error-category-name"));
    }
    // Blank keeps the position (0 for a new category, as the API's).
    let position = match f.get("position") {
        None => Some(None),
        Some(raw) => amount::minutes(raw).map(Some),
    };
    if position.is_none() {
        draft.position_error = Some(p.t("admin-services-error-position"));
    }
    match position {
        Some(position) if draft.name_error.is_none() => Ok(CategoryBody {
            name: f.get("name").map(str::to_string),
            position,
        }),
        _ => Err(draft),
    }
}

async fn again(p: &Page, tenant: &CurrentTenant, target: Option<Uuid>, draft: Draft) -> PageResult {
    let notice = Some(Notice::bad(p.t("book-errors-intro")));
    let retry = Some(Retry { target, draft });
    render(p, tenant, StatusCode::UNPROCESSABLE_ENTITY, notice, retry).await
}

/// The page again after an operation refused the form.
async fn refused(
    p: &Page,
    tenant: &CurrentTenant,
    target: Option<Uuid>,
    f: &Form,
    e: BookingError,
) -> PageResult {
    let (status, mut fb) = p.refusal(e)?;
    let draft = Draft {
        name: f.raw("name"),
        position: f.raw("position"),
        name_error: fb
            .invalid("name")
            .then(|| p.t("admin-services-error-category-name")),
        position_error: fb
            .invalid("position")
            .then(|| p.t("admin-services-error-position")),
        confirm_error: None,
    };
    let retry = Some(Retry { target, draft });
    render(p, tenant, status, fb.notice.take(), retry).await
}

/// POST /admin/categories
pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let new = match read(&p, &f).map(NewCategory::parse) {
        Ok(Ok(new)) => new,
        Ok(Err(e)) => return refused(&p, &tenant, None, &f, e).await,
        Err(draft) => return again(&p, &tenant, None, draft).await,
    };
    let schedules = schedules(&p, &tenant);
    let done = tenant
        .run(&p.state, move |conn| {
            categories::create(conn, &schedules, &new)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/admin/services?saved=1")),
        Err(e) => refused(&p, &tenant, None, &f, e).await,
    }
}

/// POST /admin/categories/{id}: a new name and position.
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
    let id = category_id(&p, &path)?;
    let changes = match read(&p, &f).map(CategoryChanges::parse) {
        Ok(Ok(changes)) => changes,
        Ok(Err(e)) => return refused(&p, &tenant, Some(id), &f, e).await,
        Err(draft) => return again(&p, &tenant, Some(id), draft).await,
    };
    let schedules = schedules(&p, &tenant);
    let done = tenant
        .run(&p.state, move |conn| {
            categories::update(conn, &schedules, id, &changes)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/admin/services?saved=1")),
        Err(e) => refused(&p, &tenant, Some(id), &f, e).await,
    }
}

/// POST /admin/categories/{id}/delete: with `confirm` ticked.
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
    let id = category_id(&p, &path)?;
    if !f.checked("confirm") {
        // An unknown category has no row to show the message beside.
        tenant
            .run(&p.state, move |conn| {
                categories::list(conn).and_then(|all| {
                    all.iter()
                        .any(|c| c.id == id)
                        .then_some(())
                        .ok_or(BookingError::NotFound(bookings::Missing::Category))
                })
            })
            .await
            .map_err(|e| p.fail(e))?;
        let draft = Draft {
            confirm_error: Some(p.t("admin-services-error-confirm")),
            ..Draft::default()
        };
        return again(&p, &tenant, Some(id), draft).await;
    }
    let schedules = schedules(&p, &tenant);
    tenant
        .run(&p.state, move |conn| {
            categories::remove(conn, &schedules, id)
        })
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other("/admin/services?deleted=1"))
}

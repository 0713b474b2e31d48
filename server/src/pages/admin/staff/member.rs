//! /admin/staff/{id}: a member's details form (POST saves them, as the
//! API's update does) and the delete form, which asks for a ticked
//! confirmation first (the API's soft delete: past bookings keep the
//! member).

use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::services::Service;
use bookings::staff::{self, Audience, StaffChanges, StaffMember};
use bookings::BookingError;
use diesel::PgConnection;
use kernel::error::AppError;
use uuid::Uuid;

use super::details::{self, DetailsForm};
use super::{as_member, member_id, refused, schedules};
use crate::extract::CurrentTenant;
use crate::pages::admin::nav::{self, NavLink, Section};
use crate::pages::admin::staff_or_answer;
use crate::pages::layer::{Feedback, Form, Notice, Page, PageResult};

/// The confirmation checkbox of the delete form, as its field is named
/// for the catalog (`field-error-staff-confirm`).
const CONFIRM: &str = "staff-confirm";

#[derive(Template)]
#[template(path = "admin/staff/member.html")]
struct MemberPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    id: Uuid,
    title: String,
    linked: bool,
    form: DetailsForm,
    delete_fb: Feedback,
    csrf_token: String,
    notice: Option<Notice>,
}

struct Loaded {
    member: StaffMember,
    services: Vec<Service>,
}

fn load(conn: &mut PgConnection, id: Uuid) -> Result<Loaded, BookingError> {
    let member = as_member(staff::get(conn, id, Audience::Team)?)?;
    let services = details::all_services(conn)?;
    Ok(Loaded { member, services })
}

fn page<'a>(
    p: &'a Page,
    l: Loaded,
    form: Option<DetailsForm>,
    delete_fb: Feedback,
    notice: Option<Notice>,
) -> MemberPage<'a> {
    let form = form.unwrap_or_else(|| DetailsForm::of(&l.member, &l.services));
    MemberPage {
        p,
        nav: nav::links(p, Section::Staff),
        id: l.member.id,
        title: l.member.name.clone(),
        linked: l.member.user_id.is_some(),
        form,
        delete_fb,
        csrf_token: p.csrf_token(),
        notice,
    }
}

async fn load_or_fail(p: &Page, tenant: &CurrentTenant, id: Uuid) -> Result<Loaded, PageResult> {
    tenant
        .run(&p.state, move |conn| load(conn, id))
        .await
        .map_err(|e| Err(p.fail(e)))
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    req: HttpRequest,
) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = member_id(&p, &path)?;
    let loaded = match load_or_fail(&p, &tenant, id).await {
        Ok(l) => l,
        Err(answer) => return answer,
    };
    let query = req.query_string();
    let notice = if query.contains("created=1") {
        Some(Notice::ok(p.t("admin-staff-created")))
    } else if query.contains("saved=1") {
        Some(Notice::ok(p.t("admin-saved")))
    } else {
        None
    };
    p.render(&page(&p, loaded, None, Feedback::default(), notice))
}

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
    let id = member_id(&p, &path)?;
    let schedules = schedules(&p, &tenant);
    let services = tenant
        .run(&p.state, details::all_services)
        .await
        .map_err(|e| p.fail(e))?;
    let patch = details::update_body(&f, &services);
    let saved = tenant
        .run(&p.state, move |conn| {
            let changes = StaffChanges::parse(patch)?;
            staff::update(conn, &schedules, id, &changes)
        })
        .await;
    match saved {
        Ok(_) => Ok(p.see_other(&format!("/admin/staff/{id}?saved=1"))),
        Err(e) => {
            let (status, fb) = refused(&p, e, details::field_name)?;
            let loaded = match load_or_fail(&p, &tenant, id).await {
                Ok(l) => l,
                Err(answer) => return answer,
            };
            let form = DetailsForm::posted(&f, &loaded.services, fb);
            p.render_status(
                status,
                &page(&p, loaded, Some(form), Feedback::default(), None),
            )
        }
    }
}

/// POST /admin/staff/{id}/delete with `confirm` ticked; without it the
/// page again with the box marked, and nothing deleted.
pub async fn remove(
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
    let id = member_id(&p, &path)?;
    if !f.checked("confirm") {
        let (status, fb) = p.refusal(AppError::invalid(
            CONFIRM,
            "tick the box to confirm the deletion",
        ))?;
        let loaded = match load_or_fail(&p, &tenant, id).await {
            Ok(l) => l,
            Err(answer) => return answer,
        };
        return p.render_status(status, &page(&p, loaded, None, fb, None));
    }
    let schedules = schedules(&p, &tenant);
    tenant
        .run(&p.state, move |conn| staff::remove(conn, &schedules, id))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other("/admin/staff?deleted=1"))
}

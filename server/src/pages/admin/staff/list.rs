//! GET /admin/staff: the staff members in a table, and the add-staff
//! form; POST /admin/staff creates one (the API's create operation) and
//! goes to the new member's page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::services::Service;
use bookings::staff::{self, Audience, NewStaff};
use bookings::BookingError;
use diesel::PgConnection;
use uuid::Uuid;

use super::details::{self, DetailsForm};
use super::{as_member, refused, schedules};
use crate::extract::CurrentTenant;
use crate::pages::admin::nav::{self, NavLink, Section};
use crate::pages::admin::staff_or_answer;
use crate::pages::layer::{Feedback, Form, Notice, Page, PageResult};

pub struct Row {
    pub href: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/staff/list.html")]
struct ListPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    rows: Vec<Row>,
    form: DetailsForm,
    csrf_token: String,
    notice: Option<Notice>,
}

struct Loaded {
    members: Vec<staff::StaffMember>,
    services: Vec<Service>,
}

fn load(conn: &mut PgConnection) -> Result<Loaded, BookingError> {
    let members = staff::list(conn, Audience::Team)?
        .into_iter()
        .map(as_member)
        .collect::<Result<_, _>>()?;
    let services = details::all_services(conn)?;
    Ok(Loaded { members, services })
}

fn page<'a>(
    p: &'a Page,
    l: Loaded,
    form: Option<DetailsForm>,
    notice: Option<Notice>,
) -> ListPage<'a> {
    let form = form.unwrap_or_else(|| DetailsForm::blank(&l.services));
    let rows = l
        .members
        .into_iter()
        .map(|m| Row {
            href: format!("/admin/staff/{}", m.id),
            name: m.name,
            email: m.email.unwrap_or_default(),
            phone: m.phone.unwrap_or_default(),
            active: m.active,
        })
        .collect();
    ListPage {
        p,
        nav: nav::links(p, Section::Staff),
        rows,
        form,
        csrf_token: p.csrf_token(),
        notice,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let loaded = tenant.run(&p.state, load).await.map_err(|e| p.fail(e))?;
    // Set by the member page's delete, after its 303.
    let notice = req
        .query_string()
        .contains("deleted=1")
        .then(|| Notice::ok(p.t("admin-staff-deleted")));
    p.render(&page(&p, loaded, None, notice))
}

pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let schedules = schedules(&p, &tenant);
    let services = tenant
        .run(&p.state, details::all_services)
        .await
        .map_err(|e| p.fail(e))?;
    let body = details::create_body(&f, &services);
    let tenant_id = tenant.id;
    let created = tenant
        .run(&p.state, move |conn| {
            let new = NewStaff::parse(body)?;
            staff::create(conn, tenant_id, &schedules, &new)
        })
        .await;
    match created {
        Ok(m) => Ok(p.see_other(&new_member_path(m.id))),
        Err(e) => {
            let (status, fb): (StatusCode, Feedback) = refused(&p, e, details::field_name)?;
            let loaded = tenant.run(&p.state, load).await.map_err(|e| p.fail(e))?;
            let form = DetailsForm::posted(&f, &loaded.services, fb);
            p.render_status(status, &page(&p, loaded, Some(form), None))
        }
    }
}

fn new_member_path(id: Uuid) -> String {
    format!("/admin/staff/{id}?created=1")
}

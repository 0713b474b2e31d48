//! GET /admin/patients?q=: the search box (a name with typos, a code or a
//! phone number, through the library's own list) and one page of
//! patients; GET /admin/patients/new and POST /admin/patients: the form
//! for a new patient, created as the API creates one (with its access
//! row), then 303 to their chart.

use actix_web::HttpRequest;
use askama::Template;
use clinics::patients::{self, CreateBody, ListFilter, ListQuery, NewPatient, PatientSummary};
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::{accessor, param};
use crate::api::clinics::audited;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Feedback, Form, Notice, Page, PageResult};

pub struct Row {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub born: String,
    pub phone: String,
}

#[derive(Template)]
#[template(path = "admin/clinic/patients.html")]
struct ListPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    q: String,
    rows: Vec<Row>,
    searched: bool,
    next_href: Option<String>,
    notice: Option<Notice>,
}

/// The fields of a patient's form as typed (blank when none), shared by
/// the new-patient form and the chart's details form.
#[derive(Default)]
pub struct Typed {
    pub name: String,
    pub date_of_birth: String,
    pub sex: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub complaint: String,
    pub diagnosis: String,
}

impl Typed {
    pub fn of(f: &Form) -> Typed {
        Typed {
            name: f.raw("name"),
            date_of_birth: f.raw("date_of_birth"),
            sex: f.raw("sex"),
            phone: f.raw("phone"),
            email: f.raw("email"),
            address: f.raw("address"),
            complaint: f.raw("complaint"),
            diagnosis: f.raw("diagnosis"),
        }
    }
}

/// The sexes the record knows, in the select's order.
pub const SEXES: [&str; 4] = ["female", "male", "other", "unknown"];

#[derive(Template)]
#[template(path = "admin/clinic/patient_new.html")]
struct NewPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    typed: Typed,
    sexes: [&'static str; 4],
    fb: Feedback,
}

fn row(s: PatientSummary) -> Row {
    Row {
        id: s.id,
        code: s.code,
        name: s.name,
        born: s.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        phone: s.phone.unwrap_or_default(),
    }
}

fn href(q: &str, cursor: &str) -> String {
    let pairs = [("q", q), ("cursor", cursor)];
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    format!("/admin/patients?{query}")
}

/// The list shows no clinical field and reaches no one record, so it
/// leaves no access row (as the API's list).
pub async fn list(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let q = param(&req, "q");
    let cursor = Some(param(&req, "cursor")).filter(|c| !c.is_empty());
    let mut page = ListPage {
        p: &p,
        nav: nav::links(&p, Section::Patients),
        rows: Vec::new(),
        searched: !q.trim().is_empty(),
        next_href: None,
        notice: if param(&req, "created") == "1" {
            Some(Notice::ok(p.t("clinic-patient-created")))
        } else {
            None
        },
        q: q.clone(),
    };
    let parsed = ListFilter::parse(ListQuery {
        q: Some(q.clone()).filter(|q| !q.trim().is_empty()),
        group: None,
        favourite: None,
        archived: None,
        limit: None,
        cursor,
    });
    let found = match parsed {
        Ok(filter) => {
            tenant
                .run(&p.state, move |conn| patients::list(conn, &filter))
                .await
        }
        Err(e) => Err(e),
    };
    match found {
        Ok(found) => {
            page.rows = found.items.into_iter().map(row).collect();
            page.next_href = found.next_cursor.as_deref().map(|c| href(&q, c));
            p.render(&page)
        }
        // A search too long, or a tampered cursor: the form again, with a
        // message above it.
        Err(e) => {
            let (status, _) = p.refusal(e)?;
            page.notice = Some(Notice::bad(p.t("clinic-bad-search")));
            p.render_status(status, &page)
        }
    }
}

fn new_page(p: &Page, typed: Typed, fb: Feedback) -> NewPage<'_> {
    NewPage {
        p,
        nav: nav::links(p, Section::Patients),
        csrf_token: p.csrf_token(),
        typed,
        sexes: SEXES,
        fb,
    }
}

pub async fn new_form(p: Page, _tenant: CurrentTenant) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    p.render(&new_page(&p, Typed::default(), Feedback::default()))
}

/// The API's create body from the form: blank fields are left out.
fn body_of(f: &Form) -> CreateBody {
    let opt = |name: &str| f.get(name).map(str::to_string);
    CreateBody {
        name: f.raw("name"),
        date_of_birth: opt("date_of_birth"),
        sex: opt("sex"),
        phone: opt("phone"),
        email: opt("email"),
        address: opt("address"),
        complaint: opt("complaint"),
        diagnosis: opt("diagnosis"),
        group: None,
        favourite: None,
        consents: None,
        customer_id: None,
    }
}

pub async fn create(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    body: actix_web::web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let new = match NewPatient::parse(body_of(&f)) {
        Ok(new) => new,
        Err(e) => {
            let (status, fb) = p.refusal(e)?;
            return p.render_status(status, &new_page(&p, Typed::of(&f), fb));
        }
    };
    let who = accessor(&user, &addr, &req);
    let (id, tenant_id) = (Uuid::new_v4(), tenant.id);
    let made = audited::<_, kernel::error::AppError, _>(
        &p.state,
        &tenant,
        &who,
        "create_patient",
        id,
        move |conn| Ok(patients::create(conn, tenant_id, id, &new)?),
    )
    .await;
    match made {
        Ok(_) => Ok(p.see_other(&format!("/admin/patients/{id}?created=1"))),
        Err(e) => {
            let (status, fb) = p.refusal(e)?;
            p.render_status(status, &new_page(&p, Typed::of(&f), fb))
        }
    }
}

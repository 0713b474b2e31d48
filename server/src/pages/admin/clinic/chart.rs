//! GET /admin/patients/{id}: a patient's chart. Everything on it is read
//! in one transaction that ends with the view's one access row (the API's
//! `audited`): details with their form, notes newest first (sign an
//! unsigned one, amend a signed one, amendments under their note), the
//! active plans, documents, invoices and, for owners and admins, the
//! access log.

use actix_web::{web, HttpRequest};
use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clinics::{audit, documents, invoices, notes, patients, plans};
use kernel::error::AppError;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::patients::{Typed, SEXES};
use super::{accessor, id_of, param};
use crate::api::clinics::audited;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Feedback, Notice, Page, PageResult};

/// How many rows of the access log the chart shows.
const LOG_ROWS: i64 = 50;

/// Everything the chart shows, read in the view's transaction.
struct Loaded {
    tz: Tz,
    patient: patients::Patient,
    notes: Vec<notes::NoteView>,
    plans: Vec<plans::PlanView>,
    documents: Vec<documents::DocumentView>,
    invoices: Vec<invoices::InvoiceSummary>,
    log: Option<Vec<audit::AccessEntry>>,
}

fn load(conn: &mut diesel::PgConnection, id: Uuid, admin: bool) -> Result<Loaded, AppError> {
    let patient = patients::read(conn, id)?;
    let tz = bookings::settings::get(conn)?.tz();
    let notes = notes::list(conn, id, None, Some(notes::MAX_PAGE))?.items;
    let plans = plans::active(conn, id)?;
    let documents = documents::list(conn, id)?;
    let invoices = invoices::list(conn, id)?;
    let log = if admin {
        audit::list(conn, id, None, LOG_ROWS)?
    } else {
        None
    };
    Ok(Loaded {
        tz,
        patient,
        notes,
        plans,
        documents,
        invoices,
        log,
    })
}

pub struct NoteRow {
    pub id: Uuid,
    pub at: String,
    pub visit: String,
    pub author: String,
    /// The SOAP parts written, each with its label, then free text.
    pub parts: Vec<(String, String)>,
    pub signed: Option<String>,
    pub amendments: Vec<(String, String, String)>,
}

pub struct PlanRow {
    pub goals: Vec<String>,
    /// Sessions attended and left, and how many were planned.
    pub sessions: String,
    pub exercises: Vec<String>,
}

pub struct DocRow {
    pub id: Uuid,
    pub title: String,
    pub size: String,
    pub at: String,
}

pub struct InvoiceRow {
    pub number: String,
    pub status_code: &'static str,
    pub status: String,
    pub total: String,
}

pub struct LogRow {
    pub at: String,
    pub role: String,
    pub action: String,
    pub ok: bool,
}

#[derive(Template)]
#[template(path = "admin/clinic/chart.html")]
struct ChartPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    notice: Option<Notice>,
    id: Uuid,
    code: String,
    name: String,
    version: i64,
    typed: Typed,
    sexes: [&'static str; 4],
    fb: Feedback,
    notes: Vec<NoteRow>,
    plans: Vec<PlanRow>,
    documents: Vec<DocRow>,
    invoices: Vec<InvoiceRow>,
    log: Option<Vec<LogRow>>,
}

fn at(p: &Page, tz: Tz, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&tz);
    p.t2(
        "book-chosen",
        ("date", &p.fmt.full_date(local.date_naive())),
        ("time", &p.fmt.time(local.time())),
    )
}

fn note_row(p: &Page, tz: Tz, v: notes::NoteView) -> NoteRow {
    let n = v.note;
    let parts = [
        ("clinic-note-subjective", n.subjective),
        ("clinic-note-objective", n.objective),
        ("clinic-note-assessment", n.assessment),
        ("clinic-note-plan", n.plan),
        ("clinic-note-text", n.text),
    ]
    .into_iter()
    .filter_map(|(key, text)| Some((p.t(key), text?)))
    .collect();
    NoteRow {
        id: n.id,
        at: at(p, tz, n.created_at),
        visit: p.t(&format!("clinic-visit-{}", n.visit_type.as_str())),
        author: n.author_name.unwrap_or_default(),
        parts,
        signed: n.signed_at.map(|t| at(p, tz, t)),
        amendments: v
            .amendments
            .into_iter()
            .map(|a| {
                (
                    at(p, tz, a.created_at),
                    a.text,
                    a.reason.unwrap_or_default(),
                )
            })
            .collect(),
    }
}

fn plan_row(p: &Page, v: plans::PlanView) -> PlanRow {
    let sessions = p.t2(
        "clinic-sessions",
        ("attended", &p.fmt.number(v.sessions_attended)),
        ("left", &p.fmt.number(v.sessions_left)),
    );
    PlanRow {
        goals: v.goals,
        sessions: format!(
            "{sessions} ({})",
            p.fmt.number(i64::from(v.sessions_planned))
        ),
        exercises: v.exercises.into_iter().map(|e| e.name).collect(),
    }
}

fn typed_of(pt: &patients::Patient) -> Typed {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    Typed {
        name: pt.name.clone(),
        date_of_birth: pt.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        sex: pt.sex.map(|x| x.as_str().to_string()).unwrap_or_default(),
        phone: s(&pt.phone),
        email: s(&pt.email),
        address: s(&pt.address),
        complaint: s(&pt.complaint),
        diagnosis: s(&pt.diagnosis),
    }
}

fn page(p: &Page, l: Loaded, notice: Option<Notice>) -> ChartPage<'_> {
    let tz = l.tz;
    ChartPage {
        p,
        nav: nav::links(p, Section::Patients),
        csrf_token: p.csrf_token(),
        notice,
        id: l.patient.id,
        code: l.patient.code.clone(),
        name: l.patient.name.clone(),
        version: l.patient.version,
        typed: typed_of(&l.patient),
        sexes: SEXES,
        fb: Feedback::default(),
        notes: l.notes.into_iter().map(|n| note_row(p, tz, n)).collect(),
        plans: l.plans.into_iter().map(|v| plan_row(p, v)).collect(),
        documents: l
            .documents
            .into_iter()
            .map(|d| DocRow {
                id: d.id,
                title: d.title,
                size: p.t1(
                    "clinic-kb",
                    "kb",
                    p.fmt.number((d.size_bytes + 1023) / 1024),
                ),
                at: at(p, tz, d.created_at),
            })
            .collect(),
        invoices: l
            .invoices
            .into_iter()
            .map(|i| InvoiceRow {
                number: i.number.unwrap_or_else(|| "—".into()),
                status_code: i.status.as_str(),
                status: p.t(&format!("clinic-invoice-{}", i.status.as_str())),
                total: p.fmt.price(i.total_cents, &i.currency),
            })
            .collect(),
        log: l.log.map(|rows| {
            rows.into_iter()
                .map(|r| LogRow {
                    at: at(p, tz, r.at),
                    role: r.actor_role,
                    action: r.action,
                    ok: r.succeeded,
                })
                .collect()
        }),
    }
}

/// The notice a form's redirect asks for (`?done=`).
fn notice_of(p: &Page, req: &HttpRequest) -> Option<Notice> {
    match param(req, "done").as_str() {
        "refused" => Some(Notice::bad(p.t("clinic-refused"))),
        done @ ("saved" | "note" | "signed" | "amended" | "uploaded") => {
            Some(Notice::ok(p.t(&format!("clinic-done-{done}"))))
        }
        _ => None,
    }
}

pub async fn show(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
) -> PageResult {
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "patient_not_found")?;
    let admin = user.role.is_admin();
    let who = accessor(&user, &addr, &req);
    let loaded = audited(&p.state, &tenant, &who, "read_chart", id, move |conn| {
        load(conn, id, admin)
    })
    .await
    .map_err(|e| p.fail(e))?;
    let notice = if param(&req, "created") == "1" {
        Some(Notice::ok(p.t("clinic-patient-created")))
    } else {
        notice_of(&p, &req)
    };
    p.render(&page(&p, loaded, notice))
}

//! GET /admin/patients/{id}: a patient's chart. Everything on it is read
//! in one transaction that ends with the view's one access row (the API's
//! `audited`): details with their form, the appointments (upcoming and
//! recent) with the patient's attendance, notes newest first a page at a
//! time (sign an unsigned one, amend a signed one, amendments under their
//! note), the active plans with a form for a new one, documents, invoices
//! with their forms and, for owners and admins, the access log.

use actix_web::{web, HttpRequest};
use askama::Template;
use bookings::services;
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use clinics::appointments::{self, AppointmentsPage, ListQuery};
use clinics::notes::NoteError;
use clinics::{audit, documents, invoices, notes, patients, plans};
use kernel::error::AppError;
use uuid::Uuid;

use super::super::nav::{self, NavLink, Section};
use super::super::staff_or_answer;
use super::chart_feedback::notice_of;
use super::chart_rows::{
    self as rows, AppointmentRow, DocRow, InvoiceRow, LogRow, NoteRow, PlanRow,
};
use super::invoice_input::{LINE_ROWS, METHODS};
use super::patients::{Typed, SEXES};
use super::plan_form::EXERCISE_ROWS;
use super::{accessor, id_of, param, params};
use crate::api::clinics::audited;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Feedback, Notice, Page, PageResult};

/// How many rows of the access log the chart shows.
const LOG_ROWS: i64 = 50;
/// How many notes a page of the chart shows; older ones are a link away.
const NOTES_PAGE: i64 = 20;
/// How many appointments the chart shows, newest first.
const APPOINTMENT_ROWS: u32 = 50;
/// The currency a first invoice is drafted in when the site has no
/// invoice or service priced yet.
const FALLBACK_CURRENCY: &str = "EUR";

/// Everything the chart shows, read in the view's transaction.
struct Loaded {
    tz: Tz,
    patient: patients::Patient,
    appointments: AppointmentsPage,
    notes: notes::NotePage,
    /// The `notes_before` asked for was not a cursor the chart handed out:
    /// the newest notes are shown instead.
    notes_cursor_bad: bool,
    plans: Vec<plans::PlanView>,
    documents: Vec<documents::DocumentView>,
    invoices: Vec<invoices::InvoiceSummary>,
    currency: String,
    log: Option<Vec<audit::AccessEntry>>,
}

/// The page of notes `before` names, or the newest page when it names
/// none (or nothing the chart handed out).
fn notes_page(
    conn: &mut diesel::PgConnection,
    id: Uuid,
    before: &str,
) -> Result<(notes::NotePage, bool), AppError> {
    match notes::list(conn, id, Some(before), Some(NOTES_PAGE)) {
        Ok(page) => Ok((page, false)),
        Err(NoteError::InvalidCursor) => Ok((notes::list(conn, id, None, Some(NOTES_PAGE))?, true)),
        Err(e) => Err(e.into()),
    }
}

/// The currency a new invoice is drafted in: the patient's last invoice's,
/// else the site's services', else a fallback.
fn currency_of(
    conn: &mut diesel::PgConnection,
    invoices: &[invoices::InvoiceSummary],
) -> Result<String, AppError> {
    if let Some(last) = invoices.first() {
        return Ok(last.currency.clone());
    }
    Ok(services::first_listed_currency(conn)?.unwrap_or_else(|| FALLBACK_CURRENCY.to_string()))
}

fn load(
    conn: &mut diesel::PgConnection,
    id: Uuid,
    admin: bool,
    notes_before: &str,
) -> Result<Loaded, AppError> {
    let patient = patients::read(conn, id)?;
    // Read once for the view: the chart's times and the plans' sessions
    // both go by the site's time zone.
    let settings = bookings::settings::get(conn)?;
    let tz = settings.tz();
    let query = ListQuery {
        limit: Some(APPOINTMENT_ROWS),
    };
    let appointments = appointments::list(conn, id, &query)?;
    let (notes, notes_cursor_bad) = notes_page(conn, id, notes_before)?;
    let plans = plans::active_under(conn, id, &settings)?;
    let documents = documents::list(conn, id)?;
    let invoices = invoices::list(conn, id)?;
    let currency = currency_of(conn, &invoices)?;
    let log = if admin {
        audit::list(conn, id, None, LOG_ROWS)?
    } else {
        None
    };
    Ok(Loaded {
        tz,
        patient,
        appointments,
        notes,
        notes_cursor_bad,
        plans,
        documents,
        invoices,
        currency,
        log,
    })
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
    upcoming: Vec<AppointmentRow>,
    recent: Vec<AppointmentRow>,
    attendance: Option<String>,
    notes: Vec<NoteRow>,
    /// The link to the next older page of notes, when there is one.
    older_notes: Option<String>,
    /// Whether this is an older page (a link back to the newest shows).
    paged: bool,
    plans: Vec<PlanRow>,
    /// The plan form's default start: today where the site is.
    today: String,
    /// Each exercise row's number and its legend.
    exercise_rows: Vec<(usize, String)>,
    documents: Vec<DocRow>,
    invoices: Vec<InvoiceRow>,
    currency: String,
    /// Each invoice line row's number and its legend.
    line_rows: Vec<(usize, String)>,
    methods: [&'static str; 3],
    log: Option<Vec<LogRow>>,
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

/// A form's fixed rows, each with its index and legend ("Exercise 2").
fn numbered(p: &Page, rows: usize, key: &str) -> Vec<(usize, String)> {
    (0..rows)
        .map(|i| (i, p.t1(key, "n", p.fmt.number(i as i64 + 1))))
        .collect()
}

fn older_link(id: Uuid, cursor: Option<String>) -> Option<String> {
    let query = serde_urlencoded::to_string([("notes_before", cursor?)]).ok()?;
    Some(format!("/admin/patients/{id}?{query}#notes-title"))
}

fn page(p: &Page, l: Loaded, notice: Option<Notice>, paged: bool) -> ChartPage<'_> {
    let tz = l.tz;
    let today: NaiveDate = Utc::now().with_timezone(&tz).date_naive();
    let now = Utc::now();
    let (mut upcoming, mut recent) = (Vec::new(), Vec::new());
    // Newest first from the list: the upcoming ones are shown soonest
    // first, the past ones most recent first.
    for a in l.appointments.items {
        if a.start >= now {
            upcoming.push(rows::appointment_row(p, tz, a));
        } else {
            recent.push(rows::appointment_row(p, tz, a));
        }
    }
    upcoming.reverse();
    let notice = match (notice, l.notes_cursor_bad) {
        (None, true) => Some(Notice::bad(p.t("clinic-notes-cursor-bad"))),
        (notice, _) => notice,
    };
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
        upcoming,
        recent,
        attendance: rows::attendance(p, &l.appointments.attendance),
        notes: l
            .notes
            .items
            .into_iter()
            .map(|n| rows::note_row(p, tz, n))
            .collect(),
        older_notes: older_link(l.patient.id, l.notes.next_cursor),
        paged: paged && !l.notes_cursor_bad,
        plans: l.plans.into_iter().map(|v| rows::plan_row(p, v)).collect(),
        today: today.to_string(),
        exercise_rows: numbered(p, EXERCISE_ROWS, "clinic-exercise-row"),
        documents: l
            .documents
            .into_iter()
            .map(|d| rows::doc_row(p, tz, d))
            .collect(),
        invoices: l
            .invoices
            .into_iter()
            .map(|i| rows::invoice_row(p, i))
            .collect(),
        currency: l.currency,
        line_rows: numbered(p, LINE_ROWS, "clinic-line-row"),
        methods: METHODS,
        log: l
            .log
            .map(|rows| rows.into_iter().map(|r| rows::log_row(p, tz, r)).collect()),
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
    let notes_before = param(&req, "notes_before");
    let paged = !notes_before.is_empty();
    let loaded = audited(&p.state, &tenant, &who, "read_chart", id, move |conn| {
        load(conn, id, admin, &notes_before)
    })
    .await
    .map_err(|e| p.fail(e))?;
    let notice = if param(&req, "created") == "1" {
        Some(Notice::ok(p.t("clinic-patient-created")))
    } else {
        notice_of(&p, &param(&req, "done"), &params(&req, "why"))
    };
    p.render(&page(&p, loaded, notice, paged))
}

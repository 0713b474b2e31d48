//! The chart's sections as the template shows them: each record read in
//! the view's transaction turned into words and numbers in the page's
//! language, dates and times in the site's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clinics::appointments::{Appointment, Attendance};
use clinics::invoices::{InvoiceStatus, InvoiceSummary};
use clinics::{audit, documents, notes, plans};
use uuid::Uuid;

use super::super::services::amount::price_input;
use crate::pages::layer::i18n;
use crate::pages::layer::Page;

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
    /// From the start, and to the review when there is one.
    pub dates: String,
    pub exercises: Vec<ExerciseRow>,
}

pub struct ExerciseRow {
    pub name: String,
    /// "3 × 12", "3 sets", "12 repetitions" or blank.
    pub dose: String,
    pub instructions: String,
}

pub struct DocRow {
    pub id: Uuid,
    pub title: String,
    pub size: String,
    pub at: String,
}

pub struct AppointmentRow {
    pub id: Uuid,
    pub when: String,
    pub service: String,
    pub staff: String,
    pub status_code: String,
    pub status: String,
}

pub struct InvoiceRow {
    pub id: Uuid,
    pub number: String,
    pub status_code: &'static str,
    pub status: String,
    pub total: String,
    /// What is still owed, when anything is.
    pub owed: Option<String>,
    /// The pay form's amount: what is owed, as the input reads it back.
    pub owed_input: String,
    pub can_issue: bool,
    pub can_pay: bool,
    pub can_void: bool,
}

pub struct LogRow {
    pub at: String,
    pub role: String,
    pub action: String,
    pub ok: bool,
}

pub fn at(p: &Page, tz: Tz, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&tz);
    p.t2(
        "book-chosen",
        ("date", &p.fmt.full_date(local.date_naive())),
        ("time", &p.fmt.time(local.time())),
    )
}

pub fn note_row(p: &Page, tz: Tz, v: notes::NoteView) -> NoteRow {
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

fn exercise_row(p: &Page, e: plans::Exercise) -> ExerciseRow {
    let n = |v: i32| p.fmt.number(i64::from(v));
    let dose = match (e.sets, e.repetitions) {
        (Some(s), Some(r)) => p.t2("clinic-dose", ("sets", &n(s)), ("repetitions", &n(r))),
        (Some(s), None) => p.t1("clinic-dose-sets", "sets", n(s)),
        (None, Some(r)) => p.t1("clinic-dose-repetitions", "repetitions", n(r)),
        (None, None) => String::new(),
    };
    ExerciseRow {
        name: e.name,
        dose,
        instructions: e.instructions.unwrap_or_default(),
    }
}

pub fn plan_row(p: &Page, v: plans::PlanView) -> PlanRow {
    let sessions = p.t2(
        "clinic-sessions",
        ("attended", &p.fmt.number(v.sessions_attended)),
        ("left", &p.fmt.number(v.sessions_left)),
    );
    let start = p.fmt.full_date(v.starts_on);
    let dates = match v.review_on {
        Some(review) => p.t2(
            "clinic-plan-dates-review",
            ("start", &start),
            ("review", &p.fmt.full_date(review)),
        ),
        None => p.t1("clinic-plan-dates", "start", &start),
    };
    PlanRow {
        goals: v.goals,
        sessions: format!(
            "{sessions} ({})",
            p.fmt.number(i64::from(v.sessions_planned))
        ),
        dates,
        exercises: v
            .exercises
            .into_iter()
            .map(|e| exercise_row(p, e))
            .collect(),
    }
}

pub fn doc_row(p: &Page, tz: Tz, d: documents::DocumentView) -> DocRow {
    DocRow {
        id: d.id,
        title: d.title,
        size: p.t1(
            "clinic-kb",
            "kb",
            p.fmt.number((d.size_bytes + 1023) / 1024),
        ),
        at: at(p, tz, d.created_at),
    }
}

pub fn appointment_row(p: &Page, tz: Tz, a: Appointment) -> AppointmentRow {
    let (s, e) = (a.start.with_timezone(&tz), a.end.with_timezone(&tz));
    let when = p.t2(
        "book-chosen",
        ("date", &p.fmt.full_date(s.date_naive())),
        (
            "time",
            &p.t2(
                "detail-time-range",
                ("start", &p.fmt.time(s.time())),
                ("end", &p.fmt.time(e.time())),
            ),
        ),
    );
    // The bookings' own labels, as the day's appointments show them; a
    // status they do not word yet shows as it is stored.
    let status = i18n::lookup(p.lang, &format!("admin-status-{}", a.status))
        .unwrap_or_else(|| a.status.clone());
    AppointmentRow {
        id: a.id,
        when,
        service: a.service,
        staff: a.staff,
        status_code: a.status,
        status,
    }
}

/// "Attended 4 · missed 1 · no-show rate 20 %", or None before either.
pub fn attendance(p: &Page, a: &Attendance) -> Option<String> {
    let rate = a.no_show_rate?;
    // A rate of 0 to 1 with four places: a whole percent is enough here.
    let percent = (rate * 100.0).round() as i64;
    Some(format!(
        "{} · {}",
        p.t2(
            "clinic-attendance",
            ("attended", &p.fmt.number(a.attended)),
            ("missed", &p.fmt.number(a.no_shows)),
        ),
        p.t1("clinic-no-show-rate", "percent", p.fmt.number(percent)),
    ))
}

pub fn invoice_row(p: &Page, i: InvoiceSummary) -> InvoiceRow {
    let status = i.status;
    let owed = match status {
        InvoiceStatus::Issued => i.total_cents.saturating_sub(i.paid_cents),
        _ => 0,
    };
    InvoiceRow {
        id: i.id,
        number: i.number.unwrap_or_else(|| "—".into()),
        status_code: status.as_str(),
        status: p.t(&format!("clinic-invoice-{}", status.as_str())),
        total: p.fmt.price(i.total_cents, &i.currency),
        owed: (owed > 0).then(|| p.fmt.price(owed, &i.currency)),
        owed_input: price_input(owed, p.lang),
        can_issue: status == InvoiceStatus::Draft,
        can_pay: status == InvoiceStatus::Issued && owed > 0,
        can_void: matches!(status, InvoiceStatus::Issued | InvoiceStatus::Paid),
    }
}

pub fn log_row(p: &Page, tz: Tz, r: audit::AccessEntry) -> LogRow {
    LogRow {
        at: at(p, tz, r.at),
        role: r.actor_role,
        action: r.action,
        ok: r.succeeded,
    }
}

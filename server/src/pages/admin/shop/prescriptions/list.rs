//! GET /admin/shop/prescriptions[?status=]: the uploads, newest first
//! (the library's list, at most 200), waiting ones by default; POST
//! .../{id}/review approves (the order may ship once none waits) or
//! rejects (the order is cancelled and restocked, the buyer told why)
//! through the library's `review`, as the API's handler does.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use askama::Template;
use chrono_tz::Tz;
use kernel::error::AppError;
use stores::prescriptions::{self, Decision, PrescriptionView, ReviewBody, ReviewStatus};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::ui::{Field, Opt};
use super::super::{id_of, param, when};
use crate::extract::{CurrentTenant, RequestSite};
use crate::pages::layer::{Form, Notice, Page, PageResult};

/// At most what the library keeps of a note.
const MAX_NOTE_CHARS: usize = 1000;

pub struct Row {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order: String,
    pub uploaded: String,
    pub kind: String,
    pub size: String,
    pub status_code: &'static str,
    pub status: String,
    pub note: Option<String>,
    pub reviewed: Option<String>,
    /// The review form's note, for one that waits.
    pub review: Option<Field>,
}

#[derive(Template)]
#[template(path = "admin/shop/prescriptions.html")]
struct PrescriptionsPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    status: Field,
    /// The list shown: the status asked for (blank: waiting ones).
    shown: String,
    rows: Vec<Row>,
}

/// `pending_review` (the default), `approved`, `rejected` or `all`.
fn status_of(raw: &str) -> Option<Option<ReviewStatus>> {
    match raw.trim() {
        "" => Some(Some(ReviewStatus::PendingReview)),
        "all" => Some(None),
        other => ReviewStatus::parse(other).map(Some),
    }
}

/// A review form that was refused: its prescription, the note typed,
/// the message beside it.
struct Retry {
    id: Uuid,
    note: String,
    error: Option<String>,
}

fn row(p: &Page, tz: Tz, (v, number): (PrescriptionView, i64), retry: Option<&Retry>) -> Row {
    let kb = (v.size_bytes + 1023) / 1024;
    let retried = retry.filter(|r| r.id == v.id);
    let review = (v.status == ReviewStatus::PendingReview).then(|| {
        Field::area(
            "note",
            p.t("admin-shop-rx-note"),
            retried.map(|r| r.note.clone()).unwrap_or_default(),
            2,
        )
        .id(format!("note-{}", v.id))
        .max(MAX_NOTE_CHARS)
        .hint(p.t("admin-shop-rx-note-hint"))
        .error(retried.and_then(|r| r.error.clone()))
    });
    Row {
        id: v.id,
        order_id: v.order_id,
        order: p.t1("admin-shop-order-numbered", "number", p.fmt.number(number)),
        uploaded: when::at(p, tz, v.created_at),
        kind: match v.content_type.as_str() {
            "application/pdf" => "PDF".into(),
            "image/png" => "PNG".into(),
            "image/jpeg" => "JPEG".into(),
            other => other.to_string(),
        },
        size: p.t1("admin-shop-rx-size", "kb", p.fmt.number(kb)),
        status_code: v.status.as_str(),
        status: p.t(&format!("admin-shop-rx-{}", v.status.as_str())),
        note: v.review_note.clone(),
        reviewed: v.reviewed_at.map(|t| when::at(p, tz, t)),
        review,
    }
}

async fn render(
    p: &Page,
    tenant: &CurrentTenant,
    asked: &str,
    status: StatusCode,
    notice: Option<Notice>,
    retry: Option<Retry>,
) -> PageResult {
    // An unknown status shows the waiting ones, as a blank one does.
    let shown = if status_of(asked).is_some() {
        asked
    } else {
        ""
    };
    let filter = status_of(shown).flatten();
    let (tz, rows) = tenant
        .run(&p.state, move |conn| {
            Ok::<_, AppError>((when::zone(conn)?, prescriptions::list(conn, filter)?))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let choices = vec![
        Opt::new("", p.t("admin-shop-rx-pending_review")),
        Opt::new("approved", p.t("admin-shop-rx-approved")),
        Opt::new("rejected", p.t("admin-shop-rx-rejected")),
        Opt::new("all", p.t("admin-shop-rx-all")),
    ];
    let page = PrescriptionsPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Prescriptions),
        csrf_token: p.csrf_token(),
        notice,
        status: Field::select("status", p.t("admin-shop-rx-show"), shown, choices),
        shown: shown.to_string(),
        rows: rows
            .into_iter()
            .map(|r| row(p, tz, r, retry.as_ref()))
            .collect(),
    };
    p.render_status(status, &page)
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let notice = match param(&req, "reviewed").as_str() {
        "approve" => Some(Notice::ok(p.t("admin-shop-rx-approved-done"))),
        "reject" => Some(Notice::ok(p.t("admin-shop-rx-rejected-done"))),
        _ => None,
    };
    let asked = param(&req, "status");
    render(&p, &tenant, &asked, StatusCode::OK, notice, None).await
}

fn decision(raw: &str) -> Option<Decision> {
    match raw {
        "approve" => Some(Decision::Approve),
        "reject" => Some(Decision::Reject),
        _ => None,
    }
}

/// POST /admin/shop/prescriptions/{id}/review: `decision` (the button
/// pressed) and an optional `note`; 303 to the waiting ones.
pub async fn review(
    p: Page,
    tenant: CurrentTenant,
    site: RequestSite,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    let user = match staff_or_answer(&p) {
        Ok(u) => u,
        Err(denied) => return denied.answer(&p),
    };
    let id = id_of(&p, &path, "prescription_not_found")?;
    let retry = |error: Option<String>| Retry {
        id,
        note: f.raw("note"),
        error,
    };
    let raw = f.raw("decision");
    let Some(decision) = decision(&raw) else {
        let r = Refusal::local(&p, &["decision"]);
        let retry = Some(retry(None));
        return render(&p, &tenant, "", r.status, Some(r.notice), retry).await;
    };
    let body = ReviewBody {
        decision,
        note: f.get("note").map(str::to_string),
    };
    let site = site.0;
    let staff = user.user_id;
    let done = tenant
        .run(&p.state, move |conn| {
            prescriptions::review(conn, &site, staff, id, body)
        })
        .await;
    match done {
        Ok(_) => Ok(p.see_other(&format!("/admin/shop/prescriptions?reviewed={raw}"))),
        Err(e) => {
            let r = refusal(&p, e)?;
            let retry = Some(retry(r.has("note").then(|| p.t("admin-shop-error-note"))));
            render(&p, &tenant, "", r.status, Some(r.notice), retry).await
        }
    }
}

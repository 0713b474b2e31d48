//! The chart's forms, each a CSRF-checked post answered with 303 back to
//! the chart (so they work without JavaScript): the patient's details,
//! a new note, signing a note, amending a signed one. Each runs the
//! library's operation through the API's audited runner, so the post
//! leaves one access row whether it went through or not. A refused post
//! goes back to the chart with a message (the chart is then read, and
//! audited, by the browser's next request).

use actix_web::{web, HttpRequest};
use clinics::{notes, patients};
use kernel::error::AppError;
use uuid::Uuid;

use super::chart_feedback::{back, back_to_owner};
use super::chart_post::{ChartPost, Opened};
use crate::api::clinics::{audited, audited_on};
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Form, Page, PageResult};

/// The details as a patch: every field of the form is sent, a blank one
/// clears what was there (the name cannot be cleared and is refused).
fn patch_of(f: &Form) -> patients::PatchBody {
    let field = |name: &str| Some(f.get(name).map(str::to_string));
    patients::PatchBody {
        name: Some(Some(f.raw("name"))),
        date_of_birth: field("date_of_birth"),
        sex: field("sex"),
        phone: field("phone"),
        email: field("email"),
        address: field("address"),
        complaint: field("complaint"),
        diagnosis: field("diagnosis"),
        version: f.get("version").and_then(|v| v.parse().ok()),
        ..patients::PatchBody::default()
    }
}

/// POST /admin/patients/{id}/details.
pub async fn save_details(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "patient_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    let (id, patch) = (post.id, patch_of(&post.form));
    let done = audited(
        &p.state,
        &tenant,
        &post.who,
        "update_patient",
        id,
        move |conn| Ok::<_, AppError>(patients::update(conn, id, patch)?),
    )
    .await;
    back(&p, id, done.map(|_| "saved"))
}

/// POST /admin/patients/{id}/notes: a new, unsigned note.
pub async fn add_note(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "patient_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    let opt = |name: &str| post.form.get(name).map(str::to_string);
    let note = notes::CreateBody {
        visit_type: opt("visit_type"),
        subjective: opt("subjective"),
        objective: opt("objective"),
        assessment: opt("assessment"),
        plan: opt("plan"),
        text: opt("text"),
    };
    let (id, author) = (post.id, post.user.user_id);
    let done = audited(
        &p.state,
        &tenant,
        &post.who,
        "create_note",
        id,
        move |conn| Ok::<_, AppError>(notes::create(conn, id, author, &note)?),
    )
    .await;
    back(&p, id, done.map(|_| "note"))
}

/// The patient a note belongs to, or the note's 404 (no row: nothing was
/// reached).
fn patient_of(conn: &mut diesel::PgConnection, note: Uuid) -> Result<Uuid, AppError> {
    Ok(notes::patient_of(conn, note)?)
}

/// POST /admin/notes/{id}/sign: the note never changes again.
pub async fn sign_note(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "note_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    let (id, signer) = (post.id, post.user.user_id);
    let done = audited_on(
        &p.state,
        &tenant,
        &post.who,
        "sign_note",
        move |conn| patient_of(conn, id),
        move |conn| Ok::<_, AppError>(notes::sign(conn, id, signer)?.note.patient_id),
    )
    .await;
    after_note(&p, &tenant, id, done, "signed").await
}

/// POST /admin/notes/{id}/amendments: `text` and an optional `reason`.
pub async fn amend_note(
    p: Page,
    tenant: CurrentTenant,
    addr: ClientAddr,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let post = match ChartPost::open(&p, &addr, &req, &path, &body, "note_not_found") {
        Opened::Go(post) => post,
        Opened::Answer(answer) => return answer,
    };
    let amendment = notes::AmendmentBody {
        text: post.form.raw("text"),
        reason: post.form.get("reason").map(str::to_string),
    };
    let (id, author) = (post.id, post.user.user_id);
    let done = audited_on(
        &p.state,
        &tenant,
        &post.who,
        "amend_note",
        move |conn| patient_of(conn, id),
        move |conn| Ok::<_, AppError>(notes::amend(conn, id, author, &amendment)?.note.patient_id),
    )
    .await;
    after_note(&p, &tenant, id, done, "amended").await
}

/// Back to the note's chart, also after a refusal.
async fn after_note(
    p: &Page,
    tenant: &CurrentTenant,
    note: Uuid,
    done: Result<Uuid, AppError>,
    what: &str,
) -> PageResult {
    back_to_owner(p, tenant, done, what, move |conn| patient_of(conn, note)).await
}

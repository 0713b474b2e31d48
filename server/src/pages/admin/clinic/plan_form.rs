//! POST /admin/patients/{id}/plans: a new treatment plan from the chart's
//! form, made by the plans library's own create (its checks, its row)
//! through the API's audited runner, so the post leaves one access row
//! whether it went through or not; 303 back to the chart either way.
//!
//! The form has goals one per line, the planned sessions, a start and a
//! review date, and a fixed number of exercise rows (no script adds
//! rows); a row left wholly blank is no exercise, and the goals may be
//! left blank, as through the API (they can be added later). What the
//! form cannot even read (a date that is no date, a count that is no
//! number) is refused here, as the library refuses the rest, in the same
//! transaction, so each refusal is one failed access row.

use actix_web::{web, HttpRequest};
use chrono::NaiveDate;
use clinics::plans::{self, CreateBody, ExerciseBody, PlanError};
use kernel::error::{AppError, FieldError};

use super::chart_feedback::back;
use super::chart_post::{ChartPost, Opened};
use crate::api::clinics::audited;
use crate::extract::{ClientAddr, CurrentTenant};
use crate::pages::layer::{Form, Page, PageResult};

/// The exercise rows the form shows; a plan with more is made through
/// the API (up to `plans::MAX_EXERCISES`).
pub const EXERCISE_ROWS: usize = 5;

/// The form read into the library's body, with what could not be read.
struct Typed {
    body: CreateBody,
    problems: Vec<FieldError>,
}

fn problem(problems: &mut Vec<FieldError>, field: &str, message: &str) {
    problems.push(FieldError {
        field: field.to_string(),
        message: message.to_string(),
    });
}

/// A whole number, or None when blank; what is not one is a problem.
fn count(f: &Form, name: &str, field: &str, problems: &mut Vec<FieldError>) -> Option<i64> {
    let raw = f.get(name)?;
    let read = raw.parse().ok();
    if read.is_none() {
        problem(problems, field, "must be a whole number");
    }
    read
}

/// A date as the date input sends it, or None when blank.
fn date(f: &Form, name: &str, problems: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let raw = f.get(name)?;
    let read = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
    if read.is_none() {
        problem(problems, name, "must be a date (YYYY-MM-DD)");
    }
    read
}

fn exercise(f: &Form, row: usize, problems: &mut Vec<FieldError>) -> Option<ExerciseBody> {
    let name = |part: &str| format!("exercise-{row}-{part}");
    let filled = ["name", "sets", "repetitions", "instructions"]
        .iter()
        .any(|part| f.get(&name(part)).is_some());
    if !filled {
        return None;
    }
    let field = |part: &str| format!("exercises[{row}].{part}");
    Some(ExerciseBody {
        // A blank name on a row with sets is the library's to refuse.
        name: f.raw(&name("name")),
        sets: count(f, &name("sets"), &field("sets"), problems),
        repetitions: count(f, &name("repetitions"), &field("repetitions"), problems),
        instructions: f.get(&name("instructions")).map(str::to_string),
    })
}

fn typed(f: &Form) -> Typed {
    let mut problems = Vec::new();
    let goals: Vec<String> = f
        .raw("goals")
        .lines()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect();
    let sessions_planned = count(f, "sessions_planned", "sessions_planned", &mut problems);
    let starts_on = date(f, "starts_on", &mut problems);
    let review_on = date(f, "review_on", &mut problems);
    let exercises: Vec<ExerciseBody> = (0..EXERCISE_ROWS)
        .filter_map(|row| exercise(f, row, &mut problems))
        .collect();
    Typed {
        body: CreateBody {
            goals: Some(goals),
            sessions_planned,
            exercises: Some(exercises),
            starts_on,
            review_on,
        },
        problems,
    }
}

pub async fn create(
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
    let Typed { body, problems } = typed(&post.form);
    let (id, staff) = (post.id, post.user.user_id);
    let done = audited(
        &p.state,
        &tenant,
        &post.who,
        "create_plan",
        id,
        move |conn| {
            if !problems.is_empty() {
                return Err(PlanError::Validation(problems).into());
            }
            Ok::<_, AppError>(plans::create(conn, id, staff, &body)?)
        },
    )
    .await;
    back(&p, id, done.map(|_| "plan"))
}

//! Both ends of a chart form's answer: the 303 a post gives (back to the
//! chart, saying what became of it in the query) and the notice the chart
//! shows for that query. A refusal about the input names what to fix:
//! each top-level field the operation refused (`goals`, `review_on`,
//! `lines`, ...) or, for a refusal about the record's state, its code
//! (`invoice_paid`), as `why=` values. Only a value with a
//! `clinic-why-<value>` message is carried, so the query holds nothing
//! the chart would not word; without one the chart says the general line.

use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::pages::layer::i18n;
use crate::pages::layer::{Notice, Page, PageResult};

/// The message id that words a refusal's `why` value.
fn why_key(why: &str) -> String {
    format!("clinic-why-{why}")
}

/// What a refusal asks the person to fix, each value once, in the order
/// the operation named them.
fn reasons(p: &Page, e: &AppError) -> Vec<String> {
    let named: Vec<String> = if e.errors.is_empty() {
        vec![e.code.to_string()]
    } else {
        e.errors
            .iter()
            .map(|f| {
                // `exercises[2].sets` is about the exercises.
                let top = f.field.split(['[', '.']).next().unwrap_or_default();
                top.to_string()
            })
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    for why in named {
        let worded = i18n::lookup(p.lang, &why_key(&why)).is_some();
        if worded && !out.contains(&why) {
            out.push(why);
        }
    }
    out
}

/// Where a post goes: the chart, with what became of it. A refusal about
/// the input (400, 409, 422, 429) is shown on the chart; 403, 404 and
/// 5xx are their own pages.
pub fn back(p: &Page, patient: Uuid, done: Result<&str, AppError>) -> PageResult {
    match done {
        Ok(done) => Ok(p.see_other(&format!("/admin/patients/{patient}?done={done}"))),
        Err(e) => {
            let why = reasons(p, &e);
            p.refusal(e)?;
            let query: String = why.iter().map(|w| format!("&why={w}")).collect();
            Ok(p.see_other(&format!("/admin/patients/{patient}?done=refused{query}")))
        }
    }
}

/// Back to the chart of the patient a record (a note, an invoice) belongs
/// to. After a refusal the patient is looked up again with `locate`,
/// without touching the record, so without a second access row.
pub async fn back_to_owner<L>(
    p: &Page,
    tenant: &CurrentTenant,
    done: Result<Uuid, AppError>,
    what: &str,
    locate: L,
) -> PageResult
where
    L: FnOnce(&mut diesel::PgConnection) -> Result<Uuid, AppError> + Send + 'static,
{
    match done {
        Ok(patient) => back(p, patient, Ok(what)),
        Err(e) => match tenant.run(&p.state, locate).await {
            Ok(patient) => back(p, patient, Err(e)),
            Err(_) => Err(p.fail(e)),
        },
    }
}

/// What went through, as the chart words it.
const DONE: [&str; 10] = [
    "saved", "note", "signed", "amended", "uploaded", "plan", "invoice", "issued", "paid", "voided",
];

/// The notice a form's redirect asks for: `done` and its `why` values.
pub fn notice_of(p: &Page, done: &str, why: &[String]) -> Option<Notice> {
    match done {
        "refused" => {
            let words: Vec<String> = why
                .iter()
                .filter_map(|w| i18n::lookup(p.lang, &why_key(w)))
                .collect();
            Some(Notice::bad(if words.is_empty() {
                p.t("clinic-refused")
            } else {
                words.join(" ")
            }))
        }
        done if DONE.contains(&done) => Some(Notice::ok(p.t(&format!("clinic-done-{done}")))),
        _ => None,
    }
}

//! What a shop form shows when an operation refuses it: the status, a
//! message above the form in the page's language, and the fields the
//! operation named (every one at once: the catalog collects them all).
//!
//! The messages are this area's own (`admin-shop-problem-<code>`), not
//! the shared `problem-<code>` ones, so no other page's catalog can ever
//! define the same message id. A plan's limit (a 403 by the API's rules)
//! is a refusal to explain here, not a page to deny access with; other
//! 403s, 404s and failures are the error page.

use actix_web::http::StatusCode;
use kernel::error::{AppError, FieldError};
use serde_json::Value;

use crate::pages::layer::i18n;
use crate::pages::layer::{Notice, Page, PageError};

pub struct Refusal {
    pub status: StatusCode,
    pub code: &'static str,
    pub notice: Notice,
    errors: Vec<FieldError>,
}

impl Refusal {
    /// A refusal of the page's own (a field it could not read).
    pub fn local(p: &Page, fields: &[&str]) -> Refusal {
        Refusal {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "validation_failed",
            notice: Notice::bad(p.t("admin-shop-check-fields")),
            errors: fields
                .iter()
                .map(|f| FieldError {
                    field: f.to_string(),
                    message: String::new(),
                })
                .collect(),
        }
    }

    /// Whether the operation refused `field` itself.
    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// Whether it refused `field` or a part of it (`images[2]`,
    /// `options[0].hex`, `translations.fr.name`).
    pub fn under(&self, field: &str) -> bool {
        self.errors.iter().any(|e| {
            e.field == field
                || e.field
                    .strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }

    /// The positions (from 1) of the refused items of a list field
    /// (`images[0]` is line 1), for a message naming the lines.
    pub fn lines(&self, field: &str) -> Vec<usize> {
        let mut lines: Vec<usize> = self
            .errors
            .iter()
            .filter_map(|e| e.field.strip_prefix(field)?.strip_prefix('['))
            .filter_map(|rest| rest.split(']').next()?.parse::<usize>().ok())
            .map(|i| i + 1)
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    /// Adds the page's own refused fields to the operation's.
    pub fn with_fields(mut self, fields: &[&str]) -> Refusal {
        for f in fields {
            if !self.has(f) {
                self.errors.push(FieldError {
                    field: f.to_string(),
                    message: String::new(),
                });
            }
        }
        self
    }
}

fn extension(e: &AppError, name: &str) -> i64 {
    e.extensions
        .as_ref()
        .and_then(|x| x.get(name))
        .and_then(Value::as_i64)
        .unwrap_or_default()
}

/// The message above the form: this area's words for a known refusal,
/// else a general line (with the operation's English detail for one no
/// message foresaw).
fn message(p: &Page, e: &AppError) -> String {
    let n = |name: &str| p.fmt.number(extension(e, name));
    match e.code {
        "plan_limit_reached" => p.t2(
            "admin-shop-problem-plan_limit_reached",
            ("limit", &n("value")),
            ("used", &n("used")),
        ),
        "category_in_use" => p.t2(
            "admin-shop-problem-category_in_use",
            ("subcategories", &n("subcategories")),
            ("products", &n("products")),
        ),
        "insufficient_stock" => p.t1("admin-shop-problem-insufficient_stock", "stock", n("stock")),
        code => i18n::lookup(p.lang, &format!("admin-shop-problem-{code}")).unwrap_or_else(|| {
            if e.status == StatusCode::UNPROCESSABLE_ENTITY {
                p.t("admin-shop-check-fields")
            } else {
                p.t1("problem-general", "detail", &e.detail)
            }
        }),
    }
}

/// The refusal a form is shown again with, or the error page for what is
/// not about the form.
pub fn refusal(p: &Page, e: impl Into<AppError>) -> Result<Refusal, PageError> {
    let e: AppError = e.into();
    let stays =
        matches!(e.status.as_u16(), 400 | 409 | 422 | 429) || e.code == "plan_limit_reached";
    if !stays {
        return Err(p.fail(e));
    }
    Ok(Refusal {
        status: e.status,
        code: e.code,
        notice: Notice::bad(message(p, &e)),
        errors: e.errors.clone(),
    })
}

/// What an operation's parser made of the values the page read, with the
/// fields the page could not read: the checked value, or one refusal
/// naming every field either refused (the error page for what is not
/// about the form).
pub fn checked<T, E: Into<AppError>>(
    p: &Page,
    parsed: Result<T, E>,
    unread: &[&str],
) -> Result<Result<T, Refusal>, PageError> {
    match (parsed, unread.is_empty()) {
        (Ok(value), true) => Ok(Ok(value)),
        (Ok(_), false) => Ok(Err(Refusal::local(p, unread))),
        (Err(e), _) => Ok(Err(refusal(p, e)?.with_fields(unread))),
    }
}

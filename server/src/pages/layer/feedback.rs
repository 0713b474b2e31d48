//! What a form shows after a post: a message above it, and a message
//! beside each field the operation refused, in the page's language. The
//! operation's `AppError` names the fields; a catalog message
//! `field-error-<field>` words each one, and a field without one gets the
//! general "check this value" message. An error that is not about the
//! form (a missing record, no right to it, a failure) is the error page.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use kernel::error::AppError;

use super::i18n;
use super::{Page, PageError};

/// A message above a form.
pub struct Notice {
    pub text: String,
    /// "bad", "ok" or "" (neutral).
    pub kind: &'static str,
}

impl Notice {
    pub fn ok(text: String) -> Notice {
        Notice { text, kind: "ok" }
    }

    pub fn bad(text: String) -> Notice {
        Notice { text, kind: "bad" }
    }
}

#[derive(Default)]
pub struct Feedback {
    pub notice: Option<Notice>,
    fields: HashMap<String, String>,
}

impl Feedback {
    /// A form shown after a change went through.
    pub fn done(text: String) -> Feedback {
        Feedback {
            notice: Some(Notice::ok(text)),
            fields: HashMap::new(),
        }
    }

    /// The message beside `field`, if it was refused.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.fields.get(field).map(String::as_str)
    }

    /// Whether `field` was refused (for `aria-invalid`).
    pub fn invalid(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }
}

impl Page {
    /// The status and messages a refused form is shown again with. A 4xx
    /// about the input (422, 409, 400, 429) stays on the form; the rest
    /// (403, 404, 5xx) is the error page.
    pub fn refusal(&self, e: impl Into<AppError>) -> Result<(StatusCode, Feedback), PageError> {
        let e: AppError = e.into();
        let stays = matches!(e.status.as_u16(), 400 | 409 | 422 | 429);
        if !stays {
            return Err(self.fail(e));
        }
        let fields = e
            .errors
            .iter()
            .map(|f| {
                let key = format!("field-error-{}", f.field.replace(['.', '[', ']'], "-"));
                let text =
                    i18n::lookup(self.lang, &key).unwrap_or_else(|| self.t("field-error-general"));
                (f.field.clone(), text)
            })
            .collect();
        // A known refusal has its own words (`problem-<code>`); any other
        // gets a general line with the operation's own (English) detail.
        let text = i18n::lookup(self.lang, &format!("problem-{}", e.code)).unwrap_or_else(|| {
            if e.status == StatusCode::UNPROCESSABLE_ENTITY {
                self.t("book-errors-intro")
            } else {
                self.t1("problem-general", "detail", &e.detail)
            }
        });
        Ok((
            e.status,
            Feedback {
                notice: Some(Notice::bad(text)),
                fields,
            },
        ))
    }
}

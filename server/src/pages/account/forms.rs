//! What the account forms share: a message above a form, the messages
//! beside fields that identity's input checks refuse, and a page that is
//! only a message (sent mail, a dead link, a changed password).

use actix_web::http::StatusCode;
use askama::Template;
use identity::AuthError;

use crate::pages::layer::{Page, PageError};

pub use crate::pages::layer::Notice;

#[derive(Default)]
pub struct FieldErrors {
    pub name: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
}

/// How a refused form answers: its status, a notice and the fields'
/// messages; an error that is not about the form is the error page.
pub struct Refusal {
    pub status: StatusCode,
    pub notice: Option<Notice>,
    pub errors: FieldErrors,
}

impl Refusal {
    pub fn of(p: &Page, e: AuthError) -> Result<Refusal, PageError> {
        let bad = |key: &str| {
            Some(Notice {
                text: p.t(key),
                kind: "bad",
            })
        };
        let (status, notice, errors) = match e {
            AuthError::Invalid { field, .. } => {
                let mut errors = FieldErrors::default();
                match field {
                    "name" => errors.name = Some(p.t("error-field-name")),
                    "email" => errors.email = Some(p.t("error-field-email")),
                    _ => errors.password = Some(p.t("error-field-password")),
                }
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    bad("book-errors-intro"),
                    errors,
                )
            }
            AuthError::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                bad("account-login-failed"),
                FieldErrors::default(),
            ),
            AuthError::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                bad("account-rate-limited"),
                FieldErrors::default(),
            ),
            AuthError::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                bad("account-busy"),
                FieldErrors::default(),
            ),
            other => return Err(p.fail(other)),
        };
        Ok(Refusal {
            status,
            notice,
            errors,
        })
    }
}

/// A link under a message.
pub struct Message {
    pub href: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "account/message.html")]
pub struct MessagePage<'a> {
    pub p: &'a Page,
    pub title: String,
    pub text: String,
    pub link: Option<Message>,
}

//! What a customer looks like on the wire, and the checked values a request
//! must turn into before anything reaches the database.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use kernel::error::StatusCode;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::error::{AppError, AppResult, FieldError};
use kernel::input::present;
use kernel::schema::tenant::customers;
use kernel::values::{Email, PersonName, Phone};

pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;
pub const MAX_NOTES_CHARS: usize = 5000;
/// What an erased customer is called from then on.
pub const ERASED_NAME: &str = "Erased customer";

/// A customer as the API shows it. Selected column by column, so list pages
/// do no work per row beyond serialization.
#[derive(Debug, Clone, Serialize, Queryable, Selectable)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg))]
pub struct Customer {
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
    pub marketing_consent: bool,
    pub consent_at: Option<DateTime<Utc>>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub erased_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize)]
pub struct Page {
    pub items: Vec<Customer>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub marketing_consent: Option<bool>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A partial update. The outer Option says whether the field was sent at
/// all, the inner one whether it was `null`: `{"email": null}` clears the
/// email, `{}` leaves it alone.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatchBody {
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub tags: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "present")]
    pub marketing_consent: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    pub notes: Option<Option<String>>,
}

/// A validated new customer.
#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
    pub marketing_consent: bool,
    pub notes: Option<String>,
}

/// A validated partial update: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CustomerChanges {
    pub name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    pub marketing_consent: Option<bool>,
    pub notes: Option<Option<String>>,
}

impl CustomerChanges {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.email.is_none()
            && self.phone.is_none()
            && self.tags.is_none()
            && self.marketing_consent.is_none()
            && self.notes.is_none()
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

pub fn parse_name(raw: &str) -> Result<String, String> {
    PersonName::parse(raw).map(PersonName::into_string)
}

/// Blank means "no email", so a form's empty input field needs no special case.
pub fn parse_optional_email(raw: &str) -> Result<Option<String>, String> {
    Email::parse_optional(raw).map(|e| e.map(Email::into_string))
}

/// Stored in E.164; blank means "no phone".
pub fn parse_phone(raw: &str) -> Result<Option<String>, String> {
    Phone::parse_optional(raw).map(|p| p.map(Phone::into_string))
}

/// Trimmed, without duplicates, in the order given.
pub fn parse_tags(raw: &[String]) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::with_capacity(raw.len());
    for tag in raw {
        let tag = tag.trim();
        let chars = tag.chars().count();
        if chars == 0 {
            return Err("a tag must not be empty".into());
        }
        if chars > MAX_TAG_CHARS {
            return Err(format!(
                "tag {tag:?} is {chars} characters; at most {MAX_TAG_CHARS} are allowed"
            ));
        }
        if has_control(tag) {
            return Err(format!("tag {tag:?} contains a control character"));
        }
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!(
            "has {} tags; at most {MAX_TAGS} tags are allowed",
            tags.len()
        ));
    }
    Ok(tags)
}

/// Free text; line breaks are fine, NUL is not (PostgreSQL text cannot hold it).
pub fn parse_notes(raw: &str) -> Result<Option<String>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let chars = raw.chars().count();
    if chars > MAX_NOTES_CHARS {
        return Err(format!(
            "is {chars} characters; at most {MAX_NOTES_CHARS} are allowed"
        ));
    }
    if raw.contains('\0') {
        return Err("must not contain NUL characters".into());
    }
    Ok(Some(raw.to_string()))
}

/// Collects every field's problem, so one answer lists all that is wrong.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn check<T: Default>(&mut self, field: &str, result: Result<T, String>) -> T {
        result.unwrap_or_else(|message| {
            self.0.push(FieldError {
                field: field.to_string(),
                message,
            });
            T::default()
        })
    }

    fn cannot_be_null(&mut self, field: &str) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: "cannot be null; leave the field out to keep its value".into(),
        });
    }

    fn finish<T>(self, value: T) -> AppResult<T> {
        if self.0.is_empty() {
            return Ok(value);
        }
        let detail = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        let mut err = AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            detail,
        );
        err.errors = self.0;
        Err(err)
    }
}

fn optional<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<Option<T>, String>,
) -> Result<Option<T>, String> {
    raw.map_or(Ok(None), parse)
}

impl NewCustomer {
    pub fn parse(body: CreateBody) -> AppResult<Self> {
        let mut p = Problems::default();
        // A field that fails keeps a default; `finish` then discards the value.
        let customer = NewCustomer {
            name: p.check("name", parse_name(&body.name)),
            email: p.check(
                "email",
                optional(body.email.as_deref(), parse_optional_email),
            ),
            phone: p.check("phone", optional(body.phone.as_deref(), parse_phone)),
            tags: p.check("tags", parse_tags(body.tags.as_deref().unwrap_or(&[]))),
            marketing_consent: body.marketing_consent.unwrap_or(false),
            notes: p.check("notes", optional(body.notes.as_deref(), parse_notes)),
        };
        p.finish(customer)
    }
}

impl CustomerChanges {
    pub fn parse(body: PatchBody) -> AppResult<Self> {
        let mut p = Problems::default();
        let mut changes = CustomerChanges::default();
        match body.name {
            None => {}
            Some(None) => p.cannot_be_null("name"),
            Some(Some(raw)) => changes.name = Some(p.check("name", parse_name(&raw))),
        }
        if let Some(raw) = body.email {
            changes.email = Some(p.check("email", optional(raw.as_deref(), parse_optional_email)));
        }
        if let Some(raw) = body.phone {
            changes.phone = Some(p.check("phone", optional(raw.as_deref(), parse_phone)));
        }
        match body.tags {
            None => {}
            // Null tags reads as "no tags", the only sensible meaning for a list.
            Some(None) => changes.tags = Some(Vec::new()),
            Some(Some(raw)) => changes.tags = Some(p.check("tags", parse_tags(&raw))),
        }
        match body.marketing_consent {
            None => {}
            Some(None) => p.cannot_be_null("marketing_consent"),
            Some(Some(consent)) => changes.marketing_consent = Some(consent),
        }
        if let Some(raw) = body.notes {
            changes.notes = Some(p.check("notes", optional(raw.as_deref(), parse_notes)));
        }
        p.finish(changes)
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

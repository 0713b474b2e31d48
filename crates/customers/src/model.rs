//! What a customer looks like on the wire, and the checked values a request
//! must turn into before anything reaches the database.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::CustomerError;
use kernel::error::FieldError;
use kernel::input::{has_control, present};
use kernel::schema::tenant::customers;
use kernel::values::{Email, PersonName, Phone};

pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;
pub const MAX_NOTES_CHARS: usize = 5000;
/// What an erased customer is called from then on.
pub const ERASED_NAME: &str = "Erased customer";

/// A customer as the API shows it. Selected column by column, so list pages
/// do no work per row beyond serialization.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
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

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CustomerPage)]
pub struct Page {
    pub items: Vec<Customer>,
    /// Pass as `cursor` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewCustomerBody)]
pub struct CreateBody {
    /// One line: no control characters, not blank.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    #[serde(default)]
    /// An email address; blank means none.
    #[schema(max_length = 254)]
    pub email: Option<String>,
    /// E.164 with its country code, such as +44 20 7946 0958.
    #[serde(default)]
    #[schema(max_length = 32, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
    /// At most 20 tags of at most 40 characters.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub marketing_consent: Option<bool>,
    #[serde(default)]
    #[schema(max_length = 5000, pattern = r"^[^\u0000]*$")]
    pub notes: Option<String>,
}

/// A partial update. The outer Option says whether the field was sent at
/// all, the inner one whether it was `null`: `{"email": null}` clears the
/// email, `{}` leaves it alone.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CustomerPatchBody)]
pub struct PatchBody {
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, min_length = 1, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$")]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    /// An email address; blank or null means none.
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 32, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<Option<String>>,
    /// Null clears the tags.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<String>>, max_items = 20)]
    pub tags: Option<Option<Vec<String>>>,
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub marketing_consent: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 5000, pattern = r"^[^\u0000]*$")]
    pub notes: Option<Option<String>>,
}

/// A validated new customer. The email is lower-cased and the phone in
/// E.164, as they are stored.
#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub name: PersonName,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub tags: Vec<String>,
    pub marketing_consent: bool,
    pub notes: Option<String>,
}

/// A validated partial update: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CustomerChanges {
    pub name: Option<PersonName>,
    pub email: Option<Option<Email>>,
    pub phone: Option<Option<Phone>>,
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
    /// The value, or None with the field's problem noted.
    fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|message| {
                self.0.push(FieldError {
                    field: field.to_string(),
                    message,
                })
            })
            .ok()
    }

    fn cannot_be_null(&mut self, field: &str) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: "cannot be null; leave the field out to keep its value".into(),
        });
    }

    fn into_error(self) -> CustomerError {
        CustomerError::Validation(self.0)
    }

    fn finish<T>(self, value: T) -> Result<T, CustomerError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.into_error())
        }
    }
}

/// An optional field: absent (or null) is None, and so is blank text.
fn optional<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<Option<T>, String>,
) -> Result<Option<T>, String> {
    raw.map_or(Ok(None), parse)
}

impl NewCustomer {
    pub fn parse(body: CreateBody) -> Result<Self, CustomerError> {
        let mut p = Problems::default();
        let name = p.check("name", PersonName::parse(&body.name));
        let email = p.check(
            "email",
            optional(body.email.as_deref(), Email::parse_optional),
        );
        let phone = p.check(
            "phone",
            optional(body.phone.as_deref(), Phone::parse_optional),
        );
        let tags = p.check("tags", parse_tags(body.tags.as_deref().unwrap_or(&[])));
        let notes = p.check("notes", optional(body.notes.as_deref(), parse_notes));
        // Every field is there exactly when no check failed.
        let (Some(name), Some(email), Some(phone), Some(tags), Some(notes)) =
            (name, email, phone, tags, notes)
        else {
            return Err(p.into_error());
        };
        Ok(NewCustomer {
            name,
            email,
            phone,
            tags,
            marketing_consent: body.marketing_consent.unwrap_or(false),
            notes,
        })
    }
}

impl CustomerChanges {
    pub fn parse(body: PatchBody) -> Result<Self, CustomerError> {
        let mut p = Problems::default();
        let mut changes = CustomerChanges::default();
        match body.name {
            None => {}
            Some(None) => p.cannot_be_null("name"),
            Some(Some(raw)) => changes.name = p.check("name", PersonName::parse(&raw)),
        }
        if let Some(raw) = body.email {
            changes.email = p.check("email", optional(raw.as_deref(), Email::parse_optional));
        }
        if let Some(raw) = body.phone {
            changes.phone = p.check("phone", optional(raw.as_deref(), Phone::parse_optional));
        }
        match body.tags {
            None => {}
            // Null tags reads as "no tags", the only sensible meaning for a list.
            Some(None) => changes.tags = Some(Vec::new()),
            Some(Some(raw)) => changes.tags = p.check("tags", parse_tags(&raw)),
        }
        match body.marketing_consent {
            None => {}
            Some(None) => p.cannot_be_null("marketing_consent"),
            Some(Some(consent)) => changes.marketing_consent = Some(consent),
        }
        if let Some(raw) = body.notes {
            changes.notes = p.check("notes", optional(raw.as_deref(), parse_notes));
        }
        p.finish(changes)
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

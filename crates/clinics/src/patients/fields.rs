//! The checked values a request must turn into before anything reaches the
//! database: every field's problem is collected, so one 422 names them all.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::consents::ConsentsBody;
use super::error::PatientError;
use super::model::{CreateBody, PatchBody, Sex};
use kernel::error::FieldError;
use kernel::input::{optional_long_text, required_text};
use kernel::values::{Email, PersonName, Phone};

pub const MAX_ADDRESS_CHARS: usize = 500;
pub const MAX_CLINICAL_CHARS: usize = 5000;
pub const MAX_GROUP_CHARS: usize = 80;
/// No one alive was born earlier; an earlier date is a typing mistake.
pub const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// A validated new patient.
#[derive(Debug, Clone, Default)]
pub struct NewPatient {
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub complaint: Option<String>,
    pub diagnosis: Option<String>,
    pub group: Option<String>,
    pub favourite: bool,
    pub consents: ConsentsBody,
    pub customer_id: Option<Uuid>,
}

/// A validated partial update: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct PatientChanges {
    pub name: Option<String>,
    pub date_of_birth: Option<Option<NaiveDate>>,
    pub sex: Option<Option<Sex>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub complaint: Option<Option<String>>,
    pub diagnosis: Option<Option<String>>,
    pub group: Option<Option<String>>,
    pub favourite: Option<bool>,
    pub consents: Option<ConsentsBody>,
    pub customer_id: Option<Option<Uuid>>,
    pub version: Option<i64>,
}

/// A date of birth: YYYY-MM-DD, not before 1900 and not after today. Today
/// is taken where it is furthest ahead (UTC+14), so a baby born today in
/// any time zone is accepted.
pub fn date_of_birth(raw: &str) -> Result<Option<NaiveDate>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| format!("{raw:?} is not a date written YYYY-MM-DD"))?;
    if date.year() < EARLIEST_BIRTH_YEAR {
        return Err(format!("must not be before {EARLIEST_BIRTH_YEAR}-01-01"));
    }
    let latest_today = (Utc::now() + Duration::hours(14)).date_naive();
    if date > latest_today {
        return Err("must not be in the future".into());
    }
    Ok(Some(date))
}

fn sex(raw: &str) -> Result<Option<Sex>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Sex::parse(raw)
        .map(Some)
        .ok_or_else(|| format!("{raw:?} is not one of {}", Sex::choices()))
}

fn name(raw: &str) -> Result<String, String> {
    if raw.contains('\0') {
        return Err("must not contain the NUL character (\\u0000)".into());
    }
    PersonName::parse(raw).map(PersonName::into_string)
}

fn phone(raw: &str) -> Result<Option<String>, String> {
    Ok(Phone::parse_optional(raw)?.map(Phone::into_string))
}

fn email(raw: &str) -> Result<Option<String>, String> {
    Ok(Email::parse_optional(raw)?.map(Email::into_string))
}

fn group(raw: &str) -> Result<Option<String>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    required_text(raw, MAX_GROUP_CHARS).map(Some)
}

fn long_text(max: usize) -> impl Fn(&str) -> Result<Option<String>, String> {
    move |raw| optional_long_text(Some(raw), max)
}

fn customer_id(raw: &str) -> Result<Option<Uuid>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(raw)
        .map(Some)
        .map_err(|_| format!("{raw:?} is not a customer id (a UUID)"))
}

/// Collects every field's problem.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
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

    /// An optional field of a create: absent or null is None.
    fn optional<T>(
        &mut self,
        field: &str,
        raw: Option<&str>,
        parse: impl Fn(&str) -> Result<Option<T>, String>,
    ) -> Option<T> {
        raw.and_then(|raw| self.check(field, parse(raw)).flatten())
    }

    /// An optional field of a patch: absent leaves it, null clears it.
    fn patched<T>(
        &mut self,
        field: &str,
        raw: Option<Option<String>>,
        parse: impl Fn(&str) -> Result<Option<T>, String>,
    ) -> Option<Option<T>> {
        match raw {
            None => None,
            Some(None) => Some(None),
            Some(Some(raw)) => self.check(field, parse(&raw)),
        }
    }

    fn cannot_be_null(&mut self, field: &str) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: "cannot be null; leave the field out to keep its value".into(),
        });
    }

    fn finish<T>(self, value: T) -> Result<T, PatientError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(PatientError::Validation(self.0))
        }
    }
}

impl NewPatient {
    pub fn parse(body: CreateBody) -> Result<Self, PatientError> {
        let mut p = Problems::default();
        let new = NewPatient {
            name: p.check("name", name(&body.name)).unwrap_or_default(),
            date_of_birth: p.optional(
                "date_of_birth",
                body.date_of_birth.as_deref(),
                date_of_birth,
            ),
            sex: p.optional("sex", body.sex.as_deref(), sex),
            phone: p.optional("phone", body.phone.as_deref(), phone),
            email: p.optional("email", body.email.as_deref(), email),
            address: p.optional(
                "address",
                body.address.as_deref(),
                long_text(MAX_ADDRESS_CHARS),
            ),
            complaint: p.optional(
                "complaint",
                body.complaint.as_deref(),
                long_text(MAX_CLINICAL_CHARS),
            ),
            diagnosis: p.optional(
                "diagnosis",
                body.diagnosis.as_deref(),
                long_text(MAX_CLINICAL_CHARS),
            ),
            group: p.optional("group", body.group.as_deref(), group),
            favourite: body.favourite.unwrap_or(false),
            consents: body.consents.unwrap_or_default(),
            customer_id: p.optional("customer_id", body.customer_id.as_deref(), customer_id),
        };
        // The value is only handed out when no field failed.
        p.finish(new)
    }
}

impl PatientChanges {
    pub fn parse(body: PatchBody) -> Result<Self, PatientError> {
        let mut p = Problems::default();
        let mut changes = PatientChanges {
            date_of_birth: p.patched("date_of_birth", body.date_of_birth, date_of_birth),
            sex: p.patched("sex", body.sex, sex),
            phone: p.patched("phone", body.phone, phone),
            email: p.patched("email", body.email, email),
            address: p.patched("address", body.address, long_text(MAX_ADDRESS_CHARS)),
            complaint: p.patched("complaint", body.complaint, long_text(MAX_CLINICAL_CHARS)),
            diagnosis: p.patched("diagnosis", body.diagnosis, long_text(MAX_CLINICAL_CHARS)),
            group: p.patched("group", body.group, group),
            customer_id: p.patched("customer_id", body.customer_id, customer_id),
            version: body.version,
            ..PatientChanges::default()
        };
        match body.name {
            None => {}
            Some(None) => p.cannot_be_null("name"),
            Some(Some(raw)) => changes.name = p.check("name", name(&raw)),
        }
        match body.favourite {
            None => {}
            Some(None) => p.cannot_be_null("favourite"),
            Some(Some(favourite)) => changes.favourite = Some(favourite),
        }
        match body.consents {
            None => {}
            Some(None) => p.cannot_be_null("consents"),
            Some(Some(consents)) => changes.consents = Some(consents),
        }
        p.finish(changes)
    }
}

#[cfg(test)]
#[path = "fields_test.rs"]
mod tests;

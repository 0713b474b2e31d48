//! A change to the branding as a request sends it, and the checked values
//! it must become before anything reaches the database.

use diesel::prelude::*;
use serde::Deserialize;

use crate::colour::AccentColour;
use crate::error::BrandingError;
use crate::language::Language;
use crate::logo_url::LogoUrl;
use kernel::error::FieldError;
use kernel::input::{present, required_text};
use kernel::schema::tenant::branding;
use kernel::values::{Email, Phone};

pub const MAX_DISPLAY_NAME_CHARS: usize = 100;
pub const MAX_ADDRESS_CHARS: usize = 500;

/// PATCH /branding. The outer Option says whether the field was sent, the
/// inner one whether it was `null`: `{"logo_url": null}` removes the logo,
/// `{}` changes nothing. Blank text counts as null.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandingPatch {
    /// One line. Null shows the tenant's name.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub display_name: Option<Option<String>>,
    /// An https:// address of an image, without a user name or password.
    /// Null removes the logo.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = "uri", max_length = 2048, example = "https://example.com/logo.png")]
    pub logo_url: Option<Option<String>>,
    /// `#rrggbb`. Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String, pattern = "^#[0-9A-Fa-f]{6}$", example = "#1d4ed8")]
    pub accent_colour: Option<Option<String>>,
    /// Cannot be null.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Language)]
    pub default_language: Option<Option<String>>,
    /// Several lines; no control characters other than line breaks.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub address: Option<Option<String>>,
    /// E.164 with its country code, such as +44 20 7946 0958.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 32)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Email)]
    pub contact_email: Option<Option<String>>,
}

/// A checked change, in the form the columns take: `None` keeps a value,
/// `Some(None)` clears it. Only `parse` makes one.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = branding)]
pub struct BrandingChanges {
    display_name: Option<Option<String>>,
    logo_url: Option<Option<String>>,
    accent_colour: Option<String>,
    default_language: Option<Language>,
    address: Option<Option<String>>,
    phone: Option<Option<String>>,
    contact_email: Option<Option<String>>,
}

impl BrandingChanges {
    /// Checks every field sent, and lists every one that fails.
    pub fn parse(patch: BrandingPatch) -> Result<Self, BrandingError> {
        let mut p = Problems::default();
        let changes = BrandingChanges {
            display_name: p.clearable("display_name", patch.display_name, display_name),
            logo_url: p.clearable("logo_url", patch.logo_url, |raw| {
                Ok(LogoUrl::parse(raw)?.as_str().to_string())
            }),
            accent_colour: p.required("accent_colour", patch.accent_colour, |raw| {
                Ok(AccentColour::parse(raw)?.as_str().to_string())
            }),
            default_language: p.required("default_language", patch.default_language, language),
            address: p.clearable("address", patch.address, address),
            phone: p.clearable("phone", patch.phone, |raw| {
                Ok(Phone::parse(raw)?.into_string())
            }),
            contact_email: p.clearable("contact_email", patch.contact_email, |raw| {
                Ok(Email::parse(raw)?.into_string())
            }),
        };
        p.finish(changes)
    }

    /// Nothing was sent.
    pub fn is_empty(&self) -> bool {
        self.display_name.is_none()
            && self.logo_url.is_none()
            && self.accent_colour.is_none()
            && self.default_language.is_none()
            && self.address.is_none()
            && self.phone.is_none()
            && self.contact_email.is_none()
    }
}

fn display_name(raw: &str) -> Result<String, String> {
    required_text(raw, MAX_DISPLAY_NAME_CHARS)
}

fn language(raw: &str) -> Result<Language, String> {
    Language::parse(raw.trim()).ok_or_else(|| {
        format!(
            "{:?} is not a language of the site; use one of {}",
            raw.trim(),
            Language::choices()
        )
    })
}

/// Several lines of text. Line breaks from a form (`\r\n`) are kept as
/// `\n`; any other control character is refused, as PostgreSQL cannot store
/// NUL and the rest would garble the page or the printed address.
fn address(raw: &str) -> Result<String, String> {
    let text = raw.trim().replace("\r\n", "\n");
    let chars = text.chars().count();
    if chars > MAX_ADDRESS_CHARS {
        return Err(format!(
            "is {chars} characters; at most {MAX_ADDRESS_CHARS} are allowed"
        ));
    }
    if text.contains('\0') {
        return Err("must not contain the NUL character (\\u0000)".into());
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err("must not contain control characters other than line breaks".into());
    }
    Ok(text)
}

/// Collects every field's problem, so one answer lists all that is wrong.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn note(&mut self, field: &str, message: String) {
        self.0.push(FieldError {
            field: field.to_string(),
            message,
        });
    }

    /// A field that may be cleared: null or blank text clears it.
    fn clearable<T>(
        &mut self,
        field: &str,
        sent: Option<Option<String>>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let raw = sent?;
        let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
            return Some(None);
        };
        match parse(&raw) {
            Ok(value) => Some(Some(value)),
            Err(message) => {
                self.note(field, message);
                None
            }
        }
    }

    /// A field that always has a value: it may be changed, never cleared.
    fn required<T>(
        &mut self,
        field: &str,
        sent: Option<Option<String>>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let Some(raw) = sent? else {
            self.note(
                field,
                "cannot be null; leave the field out to keep its value".into(),
            );
            return None;
        };
        parse(&raw)
            .map_err(|message| self.note(field, message))
            .ok()
    }

    fn finish<T>(self, value: T) -> Result<T, BrandingError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(BrandingError::Validation(self.0))
        }
    }
}

#[cfg(test)]
#[path = "changes_test.rs"]
mod tests;

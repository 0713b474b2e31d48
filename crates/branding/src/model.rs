//! The branding a site shows, with its fallbacks, and its JSON form.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::colour::AccentColour;
use crate::language::Language;
use crate::logo_url::LogoUrl;
use kernel::schema::tenant::branding;
use kernel::values::{Email, Phone};
use tenancy::Tenant;

/// The row as stored; every value is checked again on the way out, so a
/// value some other writer stored that the code would refuse is a loud
/// error, never something a page shows.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = branding, check_for_backend(diesel::pg::Pg))]
pub(crate) struct BrandingRow {
    pub display_name: Option<String>,
    pub logo_url: Option<String>,
    pub accent_colour: String,
    pub default_language: Language,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub contact_email: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// A tenant's branding, every value checked. The accessors apply the
/// fallbacks, so a page never decides them itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Branding {
    display_name: Option<String>,
    logo_url: Option<LogoUrl>,
    accent_colour: AccentColour,
    default_language: Language,
    address: Option<String>,
    phone: Option<Phone>,
    contact_email: Option<Email>,
    updated_at: Option<DateTime<Utc>>,
}

impl Branding {
    /// The business's name as the site shows it: the display name, or the
    /// tenant's name when none is set.
    pub fn display_name<'a>(&'a self, tenant: &'a Tenant) -> &'a str {
        self.display_name.as_deref().unwrap_or(&tenant.name)
    }

    /// The display name set here, if any (a settings form shows this one).
    pub fn custom_display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    pub fn logo_url(&self) -> Option<&LogoUrl> {
        self.logo_url.as_ref()
    }

    pub fn accent_colour(&self) -> &AccentColour {
        &self.accent_colour
    }

    pub fn default_language(&self) -> Language {
        self.default_language
    }

    /// Free text; lines are separated by `\n`.
    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }

    /// E.164, such as `+442079460958`.
    pub fn phone(&self) -> Option<&Phone> {
        self.phone.as_ref()
    }

    pub fn contact_email(&self) -> Option<&Email> {
        self.contact_email.as_ref()
    }

    /// When it last changed; None for a tenant whose row is missing.
    pub fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.updated_at
    }

    /// The JSON form, for the tenant it belongs to.
    pub fn view(&self, tenant: &Tenant) -> BrandingView {
        BrandingView {
            site_name: self.display_name(tenant).to_string(),
            display_name: self.display_name.clone(),
            logo_url: self.logo_url.as_ref().map(|u| u.as_str().to_string()),
            accent_colour: self.accent_colour.as_str().to_string(),
            default_language: self.default_language,
            address: self.address.clone(),
            phone: self.phone.as_ref().map(|p| p.as_str().to_string()),
            contact_email: self.contact_email.as_ref().map(|e| e.as_str().to_string()),
            updated_at: self.updated_at,
        }
    }

    pub(crate) fn from_row(row: BrandingRow) -> QueryResult<Self> {
        Ok(Branding {
            display_name: row.display_name,
            logo_url: stored("logo_url", row.logo_url, LogoUrl::parse)?,
            accent_colour: stored(
                "accent_colour",
                Some(row.accent_colour),
                AccentColour::parse,
            )?
            .unwrap_or_default(),
            default_language: row.default_language,
            address: row.address,
            phone: stored("phone", row.phone, Phone::parse)?,
            contact_email: stored("contact_email", row.contact_email, Email::parse)?,
            updated_at: Some(row.updated_at),
        })
    }
}

/// A stored value through the parser requests go through.
fn stored<T>(
    column: &str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, String>,
) -> QueryResult<Option<T>> {
    value
        .map(|raw| {
            parse(&raw).map_err(|problem| {
                diesel::result::Error::DeserializationError(
                    format!("branding.{column} holds a value the code refuses: {problem}").into(),
                )
            })
        })
        .transpose()
}

/// The branding as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BrandingView {
    /// The business's name as the site shows it: `display_name`, or the
    /// tenant's name when that is null.
    pub site_name: String,
    /// The name set here; null shows the tenant's name.
    pub display_name: Option<String>,
    /// An https address of an image.
    #[schema(format = "uri")]
    pub logo_url: Option<String>,
    #[schema(pattern = "^#[0-9a-f]{6}$", example = "#1d4ed8")]
    pub accent_colour: String,
    /// The language of a visitor whose choice and browser name none of the
    /// site's languages.
    pub default_language: Language,
    /// Several lines, separated by `\n`.
    pub address: Option<String>,
    /// E.164, such as `+442079460958`.
    pub phone: Option<String>,
    #[schema(format = Email)]
    pub contact_email: Option<String>,
    /// Null for a tenant whose branding was never stored.
    pub updated_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;

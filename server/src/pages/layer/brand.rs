//! How a tenant's site presents the business: name, logo, accent colour,
//! default language, contact, from its branding settings (`branding`).
//! Without any, a site shows the tenant's name in the default colour, in
//! English.

use branding::{AccentColour, Branding, Language};
use tenancy::Tenant;

use super::locale::Lang;

/// A six-digit hex colour, checked, so it can be put in a path and a style
/// sheet as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accent(String);

impl Accent {
    /// A deep blue that keeps white text readable (contrast above 7:1).
    pub fn default_colour() -> Accent {
        Accent("1d4ed8".into())
    }

    /// `#RRGGBB` or `RRGGBB`, any case.
    pub fn parse(raw: &str) -> Option<Accent> {
        let hex = raw.trim().trim_start_matches('#');
        (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Accent(hex.to_ascii_lowercase()))
    }

    pub fn hex(&self) -> &str {
        &self.0
    }

    /// Text on the accent: white or black, whichever reads better (the
    /// branding capability's rule, so the API and the pages agree).
    pub fn text_on(&self) -> &'static str {
        AccentColour::parse(&format!("#{}", self.0))
            .map_or("#ffffff", |colour| colour.text_colour())
    }

    pub fn style_sheet(&self) -> String {
        format!(
            ":root{{--accent:#{};--on-accent:{}}}\n",
            self.0,
            self.text_on()
        )
    }
}

#[derive(Debug, Clone)]
pub struct Brand {
    pub display_name: String,
    pub logo_url: Option<String>,
    pub accent: Accent,
    pub default_language: Lang,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub contact_email: Option<String>,
}

impl Brand {
    /// What the business set, with the defaults where it set nothing.
    pub fn of(tenant: &Tenant, branding: &Branding) -> Brand {
        Brand {
            display_name: branding.display_name(tenant).to_string(),
            logo_url: branding.logo_url().map(|u| u.as_str().to_string()),
            accent: Accent::parse(branding.accent_colour().as_str())
                .unwrap_or_else(Accent::default_colour),
            default_language: match branding.default_language() {
                Language::En => Lang::En,
                Language::Fr => Lang::Fr,
                Language::Ar => Lang::Ar,
                Language::Fa => Lang::Fa,
            },
            address: branding.address().map(str::to_string),
            phone: branding.phone().map(|p| p.as_str().to_string()),
            contact_email: branding.contact_email().map(|e| e.as_str().to_string()),
        }
    }

    /// What a site shows before its business has set anything.
    pub fn plain(tenant: &Tenant) -> Brand {
        Brand {
            display_name: tenant.name.clone(),
            logo_url: None,
            accent: Accent::default_colour(),
            default_language: Lang::En,
            address: None,
            phone: None,
            contact_email: None,
        }
    }
}

#[cfg(test)]
#[path = "brand_test.rs"]
mod tests;

//! Unit tests of model.rs.

use chrono::TimeZone;
use kernel::values::SchemaName;
use tenancy::TenantStatus;

use super::*;

fn tenant() -> Tenant {
    Tenant {
        id: uuid::Uuid::new_v4(),
        slug: "rose".into(),
        name: "Salon Rose Ltd".into(),
        schema: SchemaName::parse("t_rose").unwrap(),
        status: TenantStatus::Active,
        past_due_since: None,
    }
}

fn row() -> BrandingRow {
    BrandingRow {
        display_name: None,
        logo_url: None,
        accent_colour: "#1d4ed8".into(),
        default_language: Language::En,
        address: None,
        phone: None,
        contact_email: None,
        updated_at: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap(),
    }
}

#[test]
fn the_defaults_fall_back_to_the_tenant() {
    let tenant = tenant();
    let branding = Branding::default();
    assert_eq!(branding.display_name(&tenant), "Salon Rose Ltd");
    assert_eq!(branding.custom_display_name(), None);
    assert_eq!(branding.accent_colour().as_str(), "#1d4ed8");
    assert_eq!(branding.default_language(), Language::En);
    assert!(branding.logo_url().is_none());
    assert!(branding.updated_at().is_none());
    let view = branding.view(&tenant);
    assert_eq!(view.site_name, "Salon Rose Ltd");
    assert_eq!(view.display_name, None);
}

#[test]
fn a_stored_row_reads_back_typed() {
    let tenant = tenant();
    let branding = Branding::from_row(BrandingRow {
        display_name: Some("Rose".into()),
        logo_url: Some("https://example.com/rose.png".into()),
        default_language: Language::Ar,
        phone: Some("+442079460958".into()),
        contact_email: Some("hello@rose.example".into()),
        address: Some("1 High St\nLondon".into()),
        ..row()
    })
    .unwrap();
    assert_eq!(branding.display_name(&tenant), "Rose");
    assert_eq!(
        branding.logo_url().map(LogoUrl::as_str),
        Some("https://example.com/rose.png")
    );
    assert_eq!(branding.phone().map(Phone::as_str), Some("+442079460958"));
    let view = branding.view(&tenant);
    assert_eq!(view.site_name, "Rose");
    assert_eq!(view.default_language, Language::Ar);
    assert_eq!(view.address.as_deref(), Some("1 High St\nLondon"));
    assert!(view.updated_at.is_some());
}

#[test]
fn a_stored_value_the_code_refuses_is_an_error() {
    let err = Branding::from_row(BrandingRow {
        logo_url: Some("javascript:alert(1)".into()),
        ..row()
    })
    .unwrap_err();
    assert!(err.to_string().contains("logo_url"), "{err}");
    assert!(Branding::from_row(BrandingRow {
        accent_colour: "blue".into(),
        ..row()
    })
    .is_err());
}

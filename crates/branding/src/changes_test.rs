//! Unit tests of changes.rs.

use super::*;

fn fields(err: BrandingError) -> Vec<String> {
    match err {
        BrandingError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

fn refused(patch: BrandingPatch) -> Vec<String> {
    fields(BrandingChanges::parse(patch).unwrap_err())
}

fn text(s: &str) -> Option<Option<String>> {
    Some(Some(s.to_string()))
}

#[test]
fn nothing_sent_changes_nothing() {
    assert!(BrandingChanges::parse(BrandingPatch::default())
        .unwrap()
        .is_empty());
}

#[test]
fn good_values_become_their_stored_forms() {
    let changes = BrandingChanges::parse(BrandingPatch {
        display_name: text("  Salon Rose "),
        logo_url: text("HTTPS://CDN.Example.com/Logo.png"),
        accent_colour: text("#AA3300"),
        default_language: text(" fr "),
        address: text("  12 Rue des Fleurs\r\n75011 Paris  "),
        phone: text("+33 1 23 45 67 89"),
        contact_email: text("Hello@Salon.Example"),
    })
    .unwrap();
    assert_eq!(changes.display_name, Some(Some("Salon Rose".into())));
    assert_eq!(
        changes.logo_url,
        Some(Some("https://cdn.example.com/Logo.png".into()))
    );
    assert_eq!(changes.accent_colour, Some("#aa3300".into()));
    assert_eq!(changes.default_language, Some(Language::Fr));
    assert_eq!(
        changes.address,
        Some(Some("12 Rue des Fleurs\n75011 Paris".into()))
    );
    assert_eq!(changes.phone, Some(Some("+33123456789".into())));
    assert_eq!(
        changes.contact_email,
        Some(Some("hello@salon.example".into()))
    );
}

#[test]
fn null_or_blank_clears_what_may_be_cleared() {
    let changes = BrandingChanges::parse(BrandingPatch {
        display_name: Some(None),
        logo_url: text("  "),
        address: Some(None),
        phone: text(""),
        contact_email: Some(None),
        ..BrandingPatch::default()
    })
    .unwrap();
    assert_eq!(changes.display_name, Some(None));
    assert_eq!(changes.logo_url, Some(None));
    assert_eq!(changes.address, Some(None));
    assert_eq!(changes.phone, Some(None));
    assert_eq!(changes.contact_email, Some(None));
    assert!(!changes.is_empty());
}

#[test]
fn colour_and_language_cannot_be_null() {
    let fields = refused(BrandingPatch {
        accent_colour: Some(None),
        default_language: Some(None),
        ..BrandingPatch::default()
    });
    assert_eq!(fields, ["accent_colour", "default_language"]);
}

#[test]
fn every_bad_field_is_named_in_one_answer() {
    let fields = refused(BrandingPatch {
        display_name: text("Two\nlines"),
        logo_url: text("javascript:alert(1)"),
        accent_colour: text("red"),
        default_language: text("de"),
        address: text("a\0b"),
        phone: text("call us"),
        contact_email: text("not an address"),
    });
    assert_eq!(
        fields,
        [
            "display_name",
            "logo_url",
            "accent_colour",
            "default_language",
            "address",
            "phone",
            "contact_email"
        ]
    );
}

#[test]
fn the_display_name_is_one_bounded_line() {
    assert!(display_name(&"é".repeat(MAX_DISPLAY_NAME_CHARS)).is_ok());
    assert!(display_name(&"é".repeat(MAX_DISPLAY_NAME_CHARS + 1)).is_err());
    assert!(display_name("Tab\there").is_err());
}

#[test]
fn the_language_is_one_the_site_has() {
    assert_eq!(language("ar"), Ok(Language::Ar));
    assert!(Language::Ar.is_right_to_left());
    assert!(!Language::En.is_right_to_left());
    assert_eq!(language("fa"), Ok(Language::Fa));
    assert!(Language::Fa.is_right_to_left());
    for bad in ["de", "EN", "english", "fr-FR", ""] {
        let err = language(bad).unwrap_err();
        assert!(err.contains("en, fr, ar, fa"), "{bad:?}: {err}");
    }
}

#[test]
fn the_address_keeps_line_breaks_and_nothing_else_of_control() {
    assert_eq!(address("a\nb").unwrap(), "a\nb");
    assert_eq!(address("a\r\nb").unwrap(), "a\nb");
    assert!(address(&"x".repeat(MAX_ADDRESS_CHARS)).is_ok());
    let err = address(&"x".repeat(10_000)).unwrap_err();
    assert!(err.contains("at most 500"), "{err}");
    let err = address("a\0b").unwrap_err();
    assert!(err.contains("NUL"), "{err}");
    for bad in ["a\tb", "a\rb", "a\u{1b}[31mb", "a\u{85}b"] {
        assert!(address(bad).is_err(), "{bad:?}");
    }
}

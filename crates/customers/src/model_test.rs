//! Unit tests of model.rs.

use super::*;

fn body(name: &str) -> CreateBody {
    CreateBody {
        name: name.into(),
        email: None,
        phone: None,
        tags: None,
        marketing_consent: None,
        notes: None,
    }
}

fn fields(err: CustomerError) -> Vec<String> {
    match err {
        CustomerError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn names_are_trimmed_and_bounded() {
    assert_eq!(
        NewCustomer::parse(body("  Ada  ")).unwrap().name.as_str(),
        "Ada"
    );
    assert!(NewCustomer::parse(body(&"é".repeat(200))).is_ok());
    for bad in ["   ".to_string(), "x".repeat(201), "a\nb".into()] {
        let err = NewCustomer::parse(body(&bad)).unwrap_err();
        assert_eq!(fields(err), ["name"], "{bad:?}");
    }
}

#[test]
fn phones_are_stored_in_e164() {
    let new = NewCustomer::parse(CreateBody {
        phone: Some(" +44 (20) 7946-0958 ".into()),
        ..body("Ada")
    })
    .unwrap();
    assert_eq!(new.phone.as_ref().map(Phone::as_str), Some("+442079460958"));
    let blank = NewCustomer::parse(CreateBody {
        phone: Some("".into()),
        ..body("Ada")
    })
    .unwrap();
    assert_eq!(blank.phone, None);
    for bad in ["call me", "0123"] {
        let err = NewCustomer::parse(CreateBody {
            phone: Some(bad.into()),
            ..body("Ada")
        })
        .unwrap_err();
        assert_eq!(fields(err), ["phone"], "{bad:?}");
    }
}

#[test]
fn tags_are_deduplicated_and_bounded() {
    let raw = vec![" vip ".to_string(), "vip".into(), "new".into()];
    assert_eq!(parse_tags(&raw), Ok(vec!["vip".into(), "new".into()]));
    assert!(parse_tags(&["".to_string()]).is_err());
    assert!(parse_tags(&["x".repeat(41)]).is_err());
    let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    assert!(parse_tags(&many).is_err());
}

#[test]
fn emails_are_lower_cased_and_blank_means_none() {
    let new = NewCustomer::parse(CreateBody {
        email: Some(" Ada@Example.COM ".into()),
        ..body("Ada")
    })
    .unwrap();
    assert_eq!(
        new.email.as_ref().map(Email::as_str),
        Some("ada@example.com")
    );
    let patch: PatchBody = serde_json::from_str(r#"{"email": "  "}"#).unwrap();
    assert_eq!(CustomerChanges::parse(patch).unwrap().email, Some(None));
    let patch: PatchBody = serde_json::from_str(r#"{"email": "not-an-email"}"#).unwrap();
    assert_eq!(
        fields(CustomerChanges::parse(patch).unwrap_err()),
        ["email"]
    );
}

#[test]
fn every_invalid_field_is_reported() {
    let body = CreateBody {
        name: " ".into(),
        email: Some("nope".into()),
        phone: Some("abc".into()),
        tags: None,
        marketing_consent: None,
        notes: Some("a\0b".into()),
    };
    let err = NewCustomer::parse(body).unwrap_err();
    assert_eq!(fields(err), ["name", "email", "phone", "notes"]);
}

#[test]
fn patch_tells_absent_from_null() {
    let absent: PatchBody = serde_json::from_str("{}").unwrap();
    assert!(CustomerChanges::parse(absent).unwrap().is_empty());
    let cleared: PatchBody = serde_json::from_str(r#"{"email": null}"#).unwrap();
    assert_eq!(CustomerChanges::parse(cleared).unwrap().email, Some(None));
    let bad: PatchBody =
        serde_json::from_str(r#"{"name": null, "marketing_consent": null}"#).unwrap();
    assert_eq!(
        fields(CustomerChanges::parse(bad).unwrap_err()),
        ["name", "marketing_consent"]
    );
    assert!(serde_json::from_str::<PatchBody>(r#"{"nmae": "x"}"#).is_err());
}

//! Unit tests of model.rs.

use super::*;

#[test]
fn names_are_trimmed_and_bounded() {
    assert_eq!(parse_name("  Ada  ").as_deref(), Ok("Ada"));
    assert!(parse_name("   ").is_err());
    assert!(parse_name(&"x".repeat(201)).is_err());
    assert!(parse_name(&"é".repeat(200)).is_ok());
    assert!(parse_name("a\nb").is_err());
}

#[test]
fn phones_are_stored_in_e164() {
    assert_eq!(
        parse_phone(" +44 (20) 7946-0958 "),
        Ok(Some("+442079460958".into()))
    );
    assert_eq!(parse_phone(""), Ok(None));
    assert!(parse_phone("call me").is_err());
    assert!(parse_phone("0123").is_err());
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
    assert_eq!(
        parse_optional_email(" Ada@Example.COM "),
        Ok(Some("ada@example.com".into()))
    );
    assert_eq!(parse_optional_email("  "), Ok(None));
    assert!(parse_optional_email("not-an-email").is_err());
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
    assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<_> = err.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "email", "phone", "notes"]);
}

#[test]
fn patch_tells_absent_from_null() {
    let absent: PatchBody = serde_json::from_str("{}").unwrap();
    assert!(CustomerChanges::parse(absent).unwrap().is_empty());
    let cleared: PatchBody = serde_json::from_str(r#"{"email": null}"#).unwrap();
    assert_eq!(CustomerChanges::parse(cleared).unwrap().email, Some(None));
    let bad: PatchBody = serde_json::from_str(r#"{"name": null}"#).unwrap();
    assert!(CustomerChanges::parse(bad).is_err());
    assert!(serde_json::from_str::<PatchBody>(r#"{"nmae": "x"}"#).is_err());
}

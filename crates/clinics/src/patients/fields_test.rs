use super::*;

fn body(name: &str) -> CreateBody {
    serde_json::from_value(serde_json::json!({ "name": name })).unwrap()
}

fn fields_of(e: PatientError) -> Vec<String> {
    match e {
        PatientError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn a_valid_body_becomes_stored_forms() {
    let mut b = body("  Ada Lovelace ");
    b.phone = Some("+44 20 7946 0958".into());
    b.email = Some("Ada@Example.COM".into());
    b.sex = Some("female".into());
    b.date_of_birth = Some("1990-02-03".into());
    b.group = Some(" ".into());
    let new = NewPatient::parse(b).unwrap();
    assert_eq!(new.name, "Ada Lovelace");
    assert_eq!(new.phone.as_deref(), Some("+442079460958"));
    assert_eq!(new.email.as_deref(), Some("ada@example.com"));
    assert_eq!(new.sex, Some(Sex::Female));
    assert_eq!(new.group, None);
}

#[test]
fn every_bad_field_is_named_in_one_answer() {
    let mut b = body("");
    b.date_of_birth = Some("1899-12-31".into());
    b.sex = Some("robot".into());
    b.phone = Some("12".into());
    b.email = Some("not-mail".into());
    b.complaint = Some("a\0b".into());
    b.group = Some("x".repeat(81));
    b.customer_id = Some("nope".into());
    let fields = fields_of(NewPatient::parse(b).unwrap_err());
    for field in [
        "name",
        "date_of_birth",
        "sex",
        "phone",
        "email",
        "complaint",
        "group",
        "customer_id",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
}

#[test]
fn a_birth_date_is_not_in_the_future_nor_before_1900() {
    assert!(date_of_birth("1900-01-01").unwrap().is_some());
    assert!(date_of_birth("1899-12-31").is_err());
    let next_year = (Utc::now() + Duration::days(400)).date_naive();
    assert!(date_of_birth(&next_year.format("%Y-%m-%d").to_string()).is_err());
    assert!(date_of_birth("2001-02-30").is_err());
    assert_eq!(date_of_birth(" ").unwrap(), None);
}

#[test]
fn a_patch_refuses_null_for_required_fields_and_clears_the_others() {
    let patch: PatchBody = serde_json::from_value(serde_json::json!({
        "name": null, "favourite": null, "consents": null
    }))
    .unwrap();
    let fields = fields_of(PatientChanges::parse(patch).unwrap_err());
    assert_eq!(fields, ["name", "favourite", "consents"]);
    let patch: PatchBody =
        serde_json::from_value(serde_json::json!({ "phone": null, "group": "Knees" })).unwrap();
    let changes = PatientChanges::parse(patch).unwrap();
    assert_eq!(changes.phone, Some(None));
    assert_eq!(changes.group, Some(Some("Knees".into())));
    assert_eq!(changes.email, None);
}

use super::*;

fn body(name: &str) -> CategoryBody {
    CategoryBody {
        name: name.into(),
        parent_id: None,
        translations: None,
        position: None,
    }
}

#[test]
fn a_new_category_is_trimmed_and_defaults_its_position() {
    let new = NewCategory::parse(body("  Shirts ")).unwrap();
    assert_eq!(new.name, "Shirts");
    assert_eq!(new.position, 0);
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut b = body("a\u{0}");
    b.translations = Some(BTreeMap::from([("xx".into(), "n".into())]));
    b.position = Some(-4);
    let Err(CatalogError::Validation(errors)) = NewCategory::parse(b) else {
        panic!("accepted");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "translations.xx", "position"]);
    assert!(NewCategory::parse(body(&"n".repeat(MAX_NAME_CHARS + 1))).is_err());
}

#[test]
fn a_patch_tells_null_from_absent() {
    let patch: CategoryPatch = serde_json::from_str(r#"{"parent_id": null}"#).unwrap();
    let changes = CategoryChanges::parse(patch).unwrap();
    assert_eq!(changes.parent_id, Some(None));
    let patch: CategoryPatch = serde_json::from_str(r#"{"name": null}"#).unwrap();
    assert!(CategoryChanges::parse(patch).is_err());
    let patch: CategoryPatch = serde_json::from_str("{}").unwrap();
    assert!(CategoryChanges::parse(patch).unwrap().is_empty());
}

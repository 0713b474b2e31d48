//! Unit tests of model.rs: what a note's content must be.

use super::*;

fn create(visit_type: Option<&str>, text: Option<&str>) -> CreateBody {
    CreateBody {
        visit_type: visit_type.map(String::from),
        subjective: None,
        objective: None,
        assessment: None,
        plan: None,
        text: text.map(String::from),
    }
}

fn fields_of(e: NoteError) -> Vec<String> {
    match e {
        NoteError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn a_note_defaults_to_a_regular_visit() {
    let content = NoteContent::parse(&create(None, Some(" Knee better "))).unwrap();
    assert_eq!(content.visit_type, VisitType::Regular);
    assert_eq!(content.body.as_deref(), Some("Knee better"));
}

#[test]
fn every_bad_field_is_named_at_once() {
    let mut body = create(Some("surgery"), None);
    body.subjective = Some("a\0b".into());
    let fields = fields_of(NoteContent::parse(&body).unwrap_err());
    assert!(fields.contains(&"visit_type".to_string()), "{fields:?}");
    assert!(fields.contains(&"subjective".to_string()), "{fields:?}");
}

#[test]
fn an_empty_note_is_refused() {
    let fields =
        fields_of(NoteContent::parse(&create(Some("home_visit"), Some("  "))).unwrap_err());
    assert_eq!(fields, vec!["text".to_string()]);
}

#[test]
fn too_long_a_text_is_refused() {
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let fields = fields_of(NoteContent::parse(&create(None, Some(&long))).unwrap_err());
    assert_eq!(fields, vec!["text".to_string()]);
}

#[test]
fn an_amendment_needs_text() {
    let body = AmendmentBody {
        text: " ".into(),
        reason: Some("r".repeat(MAX_REASON_CHARS + 1)),
    };
    let fields = fields_of(NewAmendment::parse(&body).unwrap_err());
    assert_eq!(fields, vec!["text".to_string(), "reason".to_string()]);
}

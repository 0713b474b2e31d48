//! Unit tests of model.rs.

use super::*;

fn body() -> StaffBody {
    StaffBody {
        name: " Sam ".into(),
        email: Some(" SAM@Example.com ".into()),
        phone: Some("+33 6 12 34 56 78".into()),
        user_id: None,
        service_ids: vec![],
    }
}

fn field_of(e: BookingError) -> String {
    match e {
        BookingError::Invalid { field, .. } => field,
        other => panic!("not a field error: {other:?}"),
    }
}

#[test]
fn contact_details_are_kept_in_their_platform_forms() {
    let s = NewStaff::parse(body()).unwrap();
    assert_eq!(s.name.as_str(), "Sam");
    assert_eq!(s.email.unwrap().as_str(), "sam@example.com");
    assert_eq!(s.phone.unwrap().as_str(), "+33612345678");
    let blank = NewStaff::parse(StaffBody {
        email: Some("  ".into()),
        phone: None,
        ..body()
    })
    .unwrap();
    assert!(blank.email.is_none() && blank.phone.is_none());
}

#[test]
fn the_first_bad_field_is_named() {
    let bad = StaffBody {
        name: String::new(),
        email: Some("nope".into()),
        ..body()
    };
    assert_eq!(field_of(NewStaff::parse(bad).unwrap_err()), "name");
    let bad = StaffBody {
        email: Some("nope".into()),
        phone: Some("12".into()),
        ..body()
    };
    assert_eq!(field_of(NewStaff::parse(bad).unwrap_err()), "email");
    let bad = StaffBody {
        phone: Some("12".into()),
        ..body()
    };
    assert_eq!(field_of(NewStaff::parse(bad).unwrap_err()), "phone");
}

#[test]
fn null_clears_and_absent_keeps() {
    let changes = StaffChanges::parse(StaffPatch {
        email: Some(None),
        active: Some(false),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(changes.columns.email, Some(None));
    assert_eq!(changes.columns.phone, None);
    assert!(changes.service_ids.is_none());
    let bad = StaffChanges::parse(StaffPatch {
        name: Some("a\nb".into()),
        ..Default::default()
    });
    assert_eq!(field_of(bad.unwrap_err()), "name");
}

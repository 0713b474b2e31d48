//! Unit tests of model.rs: what a plan's content must be.

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn body() -> CreateBody {
    CreateBody {
        goals: Some(vec!["Walk without pain".into()]),
        sessions_planned: Some(10),
        exercises: Some(vec![ExerciseBody {
            name: "Squat".into(),
            sets: Some(3),
            repetitions: Some(12),
            instructions: Some("Slowly".into()),
        }]),
        starts_on: None,
        review_on: None,
    }
}

fn fields_of(e: PlanError) -> Vec<String> {
    match e {
        PlanError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn a_plan_starts_today_when_no_start_is_given() {
    let content = PlanContent::parse(&body(), day(2026, 3, 1)).unwrap();
    assert_eq!(content.starts_on, day(2026, 3, 1));
    assert_eq!(content.status, PlanStatus::Active);
    assert_eq!(content.exercises[0].sets, Some(3));
}

#[test]
fn every_bad_field_is_named() {
    let mut b = body();
    b.sessions_planned = Some(0);
    b.goals = Some(vec![" ".into()]);
    b.exercises = Some(vec![ExerciseBody {
        name: "".into(),
        sets: Some(0),
        repetitions: Some(5000),
        instructions: None,
    }]);
    b.starts_on = Some(day(2026, 5, 1));
    b.review_on = Some(day(2026, 4, 1));
    let fields = fields_of(PlanContent::parse(&b, day(2026, 3, 1)).unwrap_err());
    for f in [
        "sessions_planned",
        "goals[0]",
        "exercises[0].name",
        "exercises[0].sets",
        "exercises[0].repetitions",
        "review_on",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
}

#[test]
fn the_planned_sessions_are_required() {
    let mut b = body();
    b.sessions_planned = None;
    assert_eq!(
        fields_of(PlanContent::parse(&b, day(2026, 3, 1)).unwrap_err()),
        vec!["sessions_planned".to_string()]
    );
}

#[test]
fn too_many_exercises_are_refused() {
    let mut b = body();
    let one = b.exercises.as_ref().unwrap()[0].clone();
    b.exercises = Some(vec![one; MAX_EXERCISES + 1]);
    assert_eq!(
        fields_of(PlanContent::parse(&b, day(2026, 3, 1)).unwrap_err()),
        vec!["exercises".to_string()]
    );
}

use super::*;

fn blank() -> Plan {
    Plan {
        code: "x".into(),
        name: "X".into(),
        price_cents: 0,
        currency: "EUR".into(),
        interval: Interval::Month,
        trial_days: 0,
        limits: BTreeMap::new(),
        features: vec![],
    }
}

#[test]
fn limits_are_capped_and_lifted() {
    let input = PlanInput {
        limits: vec!["staff=3".into(), "services=none".into()],
        ..Default::default()
    };
    let mut plan = blank();
    plan.limits.insert("services".into(), 5);
    let plan = apply(plan, &input)
        .map_err(|e| e.message)
        .unwrap_or_else(|m| panic!("{m}"));
    assert_eq!(plan.limit(Limit::Staff), Some(3));
    assert_eq!(plan.limit(Limit::Services), None);
}

#[test]
fn bad_names_and_values_say_what_is_accepted() {
    for (input, expected) in [
        (
            PlanInput {
                limits: vec!["seats=3".into()],
                ..Default::default()
            },
            "limits are: staff",
        ),
        (
            PlanInput {
                limits: vec!["staff=-1".into()],
                ..Default::default()
            },
            "whole number",
        ),
        (
            PlanInput {
                limits: vec!["staff".into()],
                ..Default::default()
            },
            "NAME=N",
        ),
        (
            PlanInput {
                add_features: vec!["teleport".into()],
                ..Default::default()
            },
            "features are: documents",
        ),
        (
            PlanInput {
                interval: Some("week".into()),
                ..Default::default()
            },
            "month, year",
        ),
        (
            PlanInput {
                currency: Some("euro".into()),
                ..Default::default()
            },
            "--currency",
        ),
        (
            PlanInput {
                trial_days: Some(99999),
                ..Default::default()
            },
            "--trial-days",
        ),
    ] {
        match apply(blank(), &input) {
            Ok(_) => panic!("{input:?} was accepted"),
            Err(e) => assert!(e.message.contains(expected), "{}", e.message),
        }
    }
}

#[test]
fn features_are_added_removed_and_kept_in_catalog_order() {
    let mut plan = blank();
    plan.features = vec!["webhooks".into()];
    let input = PlanInput {
        add_features: vec!["sms".into(), "documents".into()],
        remove_features: vec!["webhooks".into()],
        ..Default::default()
    };
    let plan = apply(plan, &input)
        .map_err(|e| e.message)
        .unwrap_or_else(|m| panic!("{m}"));
    assert_eq!(plan.features, vec!["documents", "sms"]);
}

#[test]
fn codes_are_checked() {
    assert!(parse_code("team-2").is_ok());
    for bad in ["", "Pro", "2x", "a b", &"x".repeat(33)] {
        assert!(parse_code(bad).is_err(), "{bad:?}");
    }
}

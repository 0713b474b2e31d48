//! Unit tests of model.rs.

use super::*;

fn rule(weekday: i16, start: &str, end: &str) -> RuleBody {
    RuleBody {
        weekday,
        start: start.into(),
        end: end.into(),
    }
}

fn invalid(e: BookingError) -> (String, String) {
    match e {
        BookingError::Invalid { field, message } => (field, message),
        other => panic!("not a field error: {other:?}"),
    }
}

#[test]
fn weekly_rules_name_the_rule_that_is_wrong() {
    let bad_day = RulesBody {
        rules: vec![rule(1, "09:00", "12:00"), rule(7, "09:00", "10:00")],
    };
    let (field, _) = invalid(WeeklyRules::parse(&bad_day).unwrap_err());
    assert_eq!(field, "rules[1].weekday");
    let overlap = RulesBody {
        rules: vec![rule(1, "09:00", "12:00"), rule(1, "11:00", "13:00")],
    };
    let (field, message) = invalid(WeeklyRules::parse(&overlap).unwrap_err());
    assert_eq!(field, "rules[1]");
    assert_eq!(message, "overlaps another range on the same weekday");
    let backwards = RulesBody {
        rules: vec![rule(2, "10:00", "09:00")],
    };
    let (_, message) = invalid(WeeklyRules::parse(&backwards).unwrap_err());
    assert_eq!(message, "the range 10:00-09:00 ends before it starts");
}

#[test]
fn a_day_may_end_at_midnight_and_on_other_days_too() {
    let rules = WeeklyRules::parse(&RulesBody {
        rules: vec![rule(0, "18:00", "24:00"), rule(1, "09:00:00", "10:00")],
    })
    .unwrap();
    assert_eq!(fmt_time(rules.0[0].2), "23:59");
    assert_eq!(rules.0.len(), 2);
}

#[test]
fn an_override_is_closed_or_has_ranges_not_both() {
    let range = RangeBody {
        start: "09:00".into(),
        end: "10:00".into(),
    };
    let both = OverrideBody {
        closed: true,
        ranges: vec![range.clone()],
    };
    assert_eq!(invalid(DayOverride::parse(&both).unwrap_err()).0, "ranges");
    let neither = OverrideBody {
        closed: false,
        ranges: vec![],
    };
    assert_eq!(
        invalid(DayOverride::parse(&neither).unwrap_err()).0,
        "ranges"
    );
    let closed = OverrideBody {
        closed: true,
        ranges: vec![],
    };
    assert!(DayOverride::parse(&closed).unwrap().0.is_empty());
    let open = OverrideBody {
        closed: false,
        ranges: vec![range],
    };
    assert_eq!(DayOverride::parse(&open).unwrap().0.len(), 1);
}

#[test]
fn time_off_ends_after_it_starts() {
    let at = |h| {
        DateTime::parse_from_rfc3339(&format!("2027-06-01T{h:02}:00:00Z"))
            .unwrap()
            .with_timezone(&Utc)
    };
    let backwards = TimeOffBody {
        from: at(12),
        to: at(10),
        reason: None,
    };
    assert_eq!(invalid(NewTimeOff::parse(backwards).unwrap_err()).0, "to");
    let ok = NewTimeOff::parse(TimeOffBody {
        from: at(10),
        to: at(12),
        reason: Some("  dentist ".into()),
    })
    .unwrap();
    assert_eq!(ok.reason.as_deref(), Some("dentist"));
}

#[test]
fn time_off_outside_the_calendar_or_with_nul_is_refused() {
    let at = |raw: &str| {
        DateTime::parse_from_rfc3339(raw)
            .unwrap()
            .with_timezone(&Utc)
    };
    let body = |from: DateTime<Utc>, to: DateTime<Utc>, reason: Option<&str>| TimeOffBody {
        from,
        to,
        reason: reason.map(String::from),
    };
    let year = at("2027-06-01T10:00:00Z");
    let early = at("1969-12-31T23:00:00Z");
    let late = DateTime::<Utc>::MAX_UTC;
    let (field, message) = invalid(NewTimeOff::parse(body(early, year, None)).unwrap_err());
    assert_eq!(field, "from");
    assert_eq!(message, "must be a time between 1970-01-01 and 9999-12-31");
    assert_eq!(
        invalid(NewTimeOff::parse(body(year, late, None)).unwrap_err()).0,
        "to"
    );
    let later = at("2027-06-02T10:00:00Z");
    let (field, message) =
        invalid(NewTimeOff::parse(body(year, later, Some("ill\u{0}"))).unwrap_err());
    assert_eq!(field, "reason");
    assert!(message.contains("NUL"), "{message}");
}

#[test]
fn an_override_date_is_within_the_calendar() {
    let date = |y| chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    assert_eq!(override_date(date(2030)).unwrap(), date(2030));
    for far in [1969, 10_000, 262_142, -4800] {
        assert_eq!(invalid(override_date(date(far)).unwrap_err()).0, "date");
    }
}

#[test]
fn an_override_refuses_overlapping_ranges() {
    let range = |start: &str, end: &str| RangeBody {
        start: start.into(),
        end: end.into(),
    };
    let overlapping = OverrideBody {
        closed: false,
        ranges: vec![range("09:00", "12:00"), range("11:00", "14:00")],
    };
    assert_eq!(
        invalid(DayOverride::parse(&overlapping).unwrap_err()).0,
        "ranges[1]"
    );
    let touching = OverrideBody {
        closed: false,
        ranges: vec![range("09:00", "12:00"), range("12:00", "14:00")],
    };
    assert_eq!(DayOverride::parse(&touching).unwrap().0.len(), 2);
}

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn asked(period: &str, from: &str, to: &str, staff_id: &str) -> Asked {
    Asked {
        period: period.into(),
        from: from.into(),
        to: to.into(),
        staff_id: staff_id.into(),
    }
}

#[test]
fn twelve_weeks_or_months_back_when_no_first_day_is_given() {
    // Wednesday 2 June 2027: its week began on Monday 31 May.
    let today = day(2027, 6, 2);
    let q = asked("week", "", "", "").query(today);
    assert_eq!(q.from.as_deref(), Some("2027-03-15"));
    assert_eq!(q.to, None);
    let q = asked("", "", "", "").query(today);
    assert_eq!(q.from.as_deref(), Some("2026-07-01"));
    assert_eq!(q.period, None);
    // Back from the last day asked for, not from today.
    let q = asked("month", "", "2027-01-31", "").query(today);
    assert_eq!(q.from.as_deref(), Some("2026-02-01"));
}

#[test]
fn what_was_typed_goes_to_the_api_as_typed_and_blanks_as_absent() {
    let q = asked("day", "03/01/2027", "x", "nope").query(day(2027, 6, 2));
    assert_eq!(q.period.as_deref(), Some("day"));
    assert_eq!(q.from.as_deref(), Some("03/01/2027"));
    assert_eq!(q.to.as_deref(), Some("x"));
    assert_eq!(q.staff_id.as_deref(), Some("nope"));
    let q = asked("month", "2027-01-01", "2027-02-01", "").query(day(2027, 6, 2));
    assert_eq!(q.staff_id, None);
}

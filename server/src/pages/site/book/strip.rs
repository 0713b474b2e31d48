//! The date strip: the days on show, each a link, those without free time
//! marked as such, and links to the days before and after.

use chrono::{Duration, NaiveDate};

use super::data::{Choice, Loaded};
use crate::pages::layer::Page;

/// How many days the strip shows at once: two weeks.
pub const STRIP_DAYS: i64 = 14;

pub struct DayCell {
    pub href: String,
    pub weekday: String,
    pub day_month: String,
    pub free: bool,
    pub current: bool,
}

/// A link to this booking page with the given choices.
pub fn link(service: uuid::Uuid, staff: Option<uuid::Uuid>, params: &[(&str, String)]) -> String {
    link_at(&format!("/book/{service}"), staff, params)
}

/// A link to `base` (a page showing the strip) with the given choices.
pub fn link_at(base: &str, staff: Option<uuid::Uuid>, params: &[(&str, String)]) -> String {
    let mut query: Vec<(&str, String)> = Vec::new();
    if let Some(s) = staff {
        query.push(("staff", s.to_string()));
    }
    query.extend(params.iter().cloned());
    let query = serde_urlencoded::to_string(&query).unwrap_or_default();
    if query.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{query}")
    }
}

/// The day whose times show: the one chosen, else the first with free time.
pub fn chosen_day(l: &Loaded, choice: &Choice) -> NaiveDate {
    choice
        .date
        .filter(|d| l.days.contains(d))
        .or_else(|| l.days.iter().copied().find(|d| l.free.contains_key(d)))
        .unwrap_or(l.first_day)
}

/// The strip's days, linking to `base` (with `staff`, when given).
pub fn cells(
    p: &Page,
    l: &Loaded,
    day: NaiveDate,
    base: &str,
    staff: Option<uuid::Uuid>,
) -> Vec<DayCell> {
    let from = l.first_day.to_string();
    l.days
        .iter()
        .map(|d| DayCell {
            href: link_at(
                base,
                staff,
                &[("from", from.clone()), ("date", d.to_string())],
            ),
            weekday: p.fmt.weekday(*d),
            day_month: p.fmt.day_month(*d),
            free: l.free.contains_key(d),
            current: *d == day,
        })
        .collect()
}

/// Links to the two weeks before and after, where there are any to book.
pub fn pager(
    l: &Loaded,
    base: &str,
    staff: Option<uuid::Uuid>,
) -> (Option<String>, Option<String>) {
    let earlier = (l.first_day > l.today).then(|| {
        let from = (l.first_day - Duration::days(STRIP_DAYS)).max(l.today);
        link_at(base, staff, &[("from", from.to_string())])
    });
    let next = l.first_day + Duration::days(STRIP_DAYS);
    let later =
        (next <= l.last_bookable).then(|| link_at(base, staff, &[("from", next.to_string())]));
    (earlier, later)
}

//! The booking page's template and how it is filled: the strip and the
//! day's times, or, once a time is chosen, the form.

use askama::Template;
use chrono::{DateTime, Utc};

use super::data::{Choice, Loaded};
use super::form::{BookForm, FieldErrors, Typed};
use super::strip::{self, DayCell};
use crate::pages::layer::Page;
use crate::pages::site::home::ServiceCard;

pub struct StaffOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

pub struct TimeLink {
    pub href: String,
    pub label: String,
}

/// A message above the page's content.
pub struct Notice {
    pub text: String,
    /// "bad" or "" (neutral).
    pub kind: &'static str,
}

#[derive(Template)]
#[template(path = "site/book.html")]
pub struct BookPage<'a> {
    pub p: &'a Page,
    pub service: ServiceCard,
    pub staff: Vec<StaffOption>,
    pub anyone_selected: bool,
    pub zone_note: String,
    pub from: String,
    pub days: Vec<DayCell>,
    pub earlier: Option<String>,
    pub later: Option<String>,
    pub day_title: String,
    pub times: Vec<TimeLink>,
    pub notice: Option<Notice>,
    pub form: Option<BookForm>,
}

/// What a post brings back to the page: a message, and the form as typed.
pub struct Outcome {
    pub notice: Option<Notice>,
    pub typed: Option<Typed>,
    pub errors: FieldErrors,
}

pub fn time_label(p: &Page, l: &Loaded, at: DateTime<Utc>) -> String {
    p.fmt.time(at.with_timezone(&l.tz).time())
}

fn form_for(p: &Page, l: &Loaded, start: DateTime<Utc>, outcome: Option<Outcome>) -> BookForm {
    let local = start.with_timezone(&l.tz);
    let day = local.date_naive();
    let when = p.t2(
        "book-chosen",
        ("date", &p.fmt.full_date(day)),
        ("time", &p.fmt.time(local.time())),
    );
    // A signed-in customer's first view of the form is filled from the
    // account; what they typed wins once they posted.
    let (typed, errors) = outcome.map_or_else(
        || (Typed::of_account(p.customer()), FieldErrors::default()),
        |o| (o.typed.unwrap_or_default(), o.errors),
    );
    BookForm {
        start: start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        staff_id: l.staff_id.map(|s| s.to_string()).unwrap_or_default(),
        when,
        back_href: strip::link(
            l.service.id,
            l.staff_id,
            &[("from", l.first_day.to_string()), ("date", day.to_string())],
        ),
        typed,
        errors,
        csrf_token: p.csrf_token(),
    }
}

/// The page for `choice`. A chosen time that is still free shows the form;
/// one that is not shows the day's fresh times under `outcome`'s notice.
pub fn build<'a>(
    p: &'a Page,
    l: &Loaded,
    choice: &Choice,
    outcome: Option<Outcome>,
) -> BookPage<'a> {
    let wants_form = choice.start.filter(|s| l.is_free(*s));
    let (notice, form) = match wants_form {
        Some(start) => {
            let notice = outcome.as_ref().and_then(|o| {
                o.notice.as_ref().map(|n| Notice {
                    text: n.text.clone(),
                    kind: n.kind,
                })
            });
            (notice, Some(form_for(p, l, start, outcome)))
        }
        None => {
            // A chosen time that is no longer free: say so above the
            // fresh times.
            let notice = outcome.and_then(|o| o.notice).or_else(|| {
                choice.start.map(|_| Notice {
                    text: p.t("book-slot-taken"),
                    kind: "bad",
                })
            });
            (notice, None)
        }
    };
    let day = strip::chosen_day(l, choice);
    let from = l.first_day.to_string();
    let times = l
        .free
        .get(&day)
        .map(|slots| {
            slots
                .iter()
                .map(|s| TimeLink {
                    href: strip::link(
                        l.service.id,
                        l.staff_id,
                        &[
                            ("from", from.clone()),
                            ("date", day.to_string()),
                            (
                                "start",
                                s.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                            ),
                        ],
                    ),
                    label: time_label(p, l, s.start),
                })
                .collect()
        })
        .unwrap_or_default();
    let base = format!("/book/{}", l.service.id);
    let (earlier, later) = strip::pager(l, &base, l.staff_id);
    BookPage {
        p,
        service: ServiceCard::of(p, &l.service),
        staff: l
            .staff
            .iter()
            .map(|s| StaffOption {
                id: s.id.to_string(),
                name: s.name.clone(),
                selected: Some(s.id) == l.staff_id,
            })
            .collect(),
        anyone_selected: l.staff_id.is_none(),
        zone_note: p.t1("book-zone", "zone", &l.zone),
        from,
        days: strip::cells(p, l, day, &base, l.staff_id),
        earlier,
        later,
        day_title: p.t1("book-times", "date", p.fmt.full_date(day)),
        times,
        notice,
        form,
    }
}
